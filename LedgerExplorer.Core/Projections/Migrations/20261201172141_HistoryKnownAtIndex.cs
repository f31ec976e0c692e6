using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedgerExplorer.Core.Projections.Migrations
{
    /// <inheritdoc />
    public partial class HistoryKnownAtIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_account_history_account_recorded_at",
                table: "account_history",
                columns: new[] { "account_id", "recorded_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_account_history_account_recorded_at",
                table: "account_history");
        }
    }
}
