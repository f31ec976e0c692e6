using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedgerExplorer.Core.Projections.Migrations
{
    /// <inheritdoc />
    public partial class AccountHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_history",
                columns: table => new
                {
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    plan = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    balance = table.Column<decimal>(type: "TEXT", nullable: false),
                    erased = table.Column<bool>(type: "INTEGER", nullable: false),
                    out_of_order = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_history", x => x.position);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_history_account_position",
                table: "account_history",
                columns: new[] { "account_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_account_history_account_recorded_at",
                table: "account_history",
                columns: new[] { "account_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_account_history_out_of_order",
                table: "account_history",
                column: "account_id",
                filter: "out_of_order = 1");

            migrationBuilder.CreateIndex(
                name: "ix_account_history_recorded_at",
                table: "account_history",
                columns: new[] { "recorded_at", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_history");
        }
    }
}
