using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedgerExplorer.Core.EventStore.Sqlite.Migrations
{
    /// <summary>
    /// The tamper-evident log: one hash per event in a table of its own, append-only like the log. A log from before
    /// the chain gets its links computed once, in C#, right after this migration (SqliteLedgerDatabase.Migrate):
    /// SQLite has no SHA-256, and filling a column of <c>events</c> would be the one UPDATE the log refuses.
    /// </summary>
    public partial class EventChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "event_hashes",
                columns: table => new
                {
                    global_position = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_hashes", x => x.global_position);
                });

            migrationBuilder.Sql(
                "CREATE TRIGGER event_hashes_reject_update BEFORE UPDATE ON event_hashes " +
                "BEGIN SELECT RAISE(ABORT, 'the hash chain is append-only: UPDATE is not allowed'); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER event_hashes_reject_delete BEFORE DELETE ON event_hashes " +
                "BEGIN SELECT RAISE(ABORT, 'the hash chain is append-only: DELETE is not allowed'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER event_hashes_reject_delete;");
            migrationBuilder.Sql("DROP TRIGGER event_hashes_reject_update;");
            migrationBuilder.DropTable(
                name: "event_hashes");
        }
    }
}
