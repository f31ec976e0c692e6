using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedgerExplorer.Core.Projections.Migrations
{
    /// <inheritdoc />
    public partial class AddProjectorLag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "applied_at",
                table: "projection_checkpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "applied_events",
                table: "projection_checkpoints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "applied_lag_ms",
                table: "projection_checkpoints",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "projector",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    process_id = table.Column<int>(type: "INTEGER", nullable: false),
                    started_at = table.Column<string>(type: "TEXT", nullable: false),
                    beat_at = table.Column<string>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_projector", x => x.id);
                    table.CheckConstraint("ck_projector_single_row", "id = 1");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "projector");

            migrationBuilder.DropColumn(
                name: "applied_at",
                table: "projection_checkpoints");

            migrationBuilder.DropColumn(
                name: "applied_events",
                table: "projection_checkpoints");

            migrationBuilder.DropColumn(
                name: "applied_lag_ms",
                table: "projection_checkpoints");
        }
    }
}
