using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedgerExplorer.Core.Projections.Migrations
{
    /// <inheritdoc />
    public partial class Bitemporal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_account_history_account_recorded_at",
                table: "account_history");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "occurred_at",
                table: "account_history",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Every row written so far is of an event from before events had two times: such an event happened when it
            // was recorded (the metadata upcaster says so), so its business time is its recorded-at.
            migrationBuilder.Sql("UPDATE account_history SET occurred_at = recorded_at;");

            migrationBuilder.CreateIndex(
                name: "ix_account_history_account_occurred_at",
                table: "account_history",
                columns: new[] { "account_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_account_history_occurred_at",
                table: "account_history",
                columns: new[] { "occurred_at", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_account_history_account_occurred_at",
                table: "account_history");

            migrationBuilder.DropIndex(
                name: "ix_account_history_occurred_at",
                table: "account_history");

            migrationBuilder.DropColumn(
                name: "occurred_at",
                table: "account_history");

            migrationBuilder.CreateIndex(
                name: "ix_account_history_account_recorded_at",
                table: "account_history",
                columns: new[] { "account_id", "recorded_at" });
        }
    }
}
