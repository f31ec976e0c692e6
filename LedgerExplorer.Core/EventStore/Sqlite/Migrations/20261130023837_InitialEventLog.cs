using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedgerExplorer.Core.EventStore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialEventLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    global_position = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    stream_id = table.Column<string>(type: "TEXT", nullable: false),
                    stream_version = table.Column<long>(type: "INTEGER", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", nullable: false),
                    schema_version = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    metadata = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.global_position);
                });

            migrationBuilder.CreateIndex(
                name: "ix_events_recorded_at",
                table: "events",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ux_events_stream_version",
                table: "events",
                columns: new[] { "stream_id", "stream_version" },
                unique: true);

            // The log is append-only, and the database itself says so: not even a hand-typed
            // UPDATE or DELETE in a SQLite shell can change or remove an event.
            migrationBuilder.Sql(
                "CREATE TRIGGER events_reject_update BEFORE UPDATE ON events " +
                "BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed'); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER events_reject_delete BEFORE DELETE ON events " +
                "BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER events_reject_delete;");
            migrationBuilder.Sql("DROP TRIGGER events_reject_update;");
            migrationBuilder.DropTable(
                name: "events");
        }
    }
}
