using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedgerExplorer.Core.Projections.Migrations
{
    /// <inheritdoc />
    public partial class ProjectionsThatCannotBeDrivenWrong : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "quarantine_reason",
                table: "snapshots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "quarantined_at",
                table: "snapshots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "verified_with",
                table: "snapshots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "retry_at",
                table: "projection_checkpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "retry_count",
                table: "projection_checkpoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "retry_message",
                table: "projection_checkpoints",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "quarantine_reason",
                table: "snapshots");

            migrationBuilder.DropColumn(
                name: "quarantined_at",
                table: "snapshots");

            migrationBuilder.DropColumn(
                name: "verified_with",
                table: "snapshots");

            migrationBuilder.DropColumn(
                name: "retry_at",
                table: "projection_checkpoints");

            migrationBuilder.DropColumn(
                name: "retry_count",
                table: "projection_checkpoints");

            migrationBuilder.DropColumn(
                name: "retry_message",
                table: "projection_checkpoints");
        }
    }
}
