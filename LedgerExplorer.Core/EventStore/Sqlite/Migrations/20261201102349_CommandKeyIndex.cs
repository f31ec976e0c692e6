using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LedgerExplorer.Core.EventStore.Sqlite.Migrations
{
    /// <summary>
    /// Idempotent commands: a client's Idempotency-Key travels in each event's metadata JSON; this partial
    /// expression index finds the events of a key without a scan. No row is touched: the index is derived.
    /// </summary>
    public partial class CommandKeyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE INDEX ix_events_command_key ON events (json_extract(metadata, '$.commandKey')) " +
                "WHERE json_extract(metadata, '$.commandKey') IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_events_command_key;");
        }
    }
}
