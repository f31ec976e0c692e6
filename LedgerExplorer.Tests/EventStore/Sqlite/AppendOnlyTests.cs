using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>The database itself, not just our code, refuses to change or remove an event.</summary>
public sealed class AppendOnlyTests : IAsyncLifetime
{
    private readonly SqliteHarness _harness = SqliteHarness.Create();

    public async ValueTask InitializeAsync() =>
        await _harness.Store.AppendAsync("account-x", ExpectedVersion.NoStream, [TestEvents.Event("MoneyDeposited", """{"amount":10}""")]);

    [Theory]
    [InlineData("UPDATE events SET data = '{\"amount\":1000000}'", "UPDATE is not allowed")]
    [InlineData("UPDATE events SET stream_version = stream_version + 1", "UPDATE is not allowed")]
    [InlineData("DELETE FROM events", "DELETE is not allowed")]
    public async Task The_events_table_rejects_updates_and_deletes(string sql, string reason)
    {
        await using var connection = new SqliteConnection(_harness.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        var stored = Assert.Single(await _harness.Store.ReadStream("account-x"));
        Assert.Equal("""{"amount":10}""", stored.Data);
        Assert.Equal(1, stored.StreamVersion);
    }

    [Fact]
    public async Task The_log_is_in_WAL_mode_and_a_duplicate_version_is_rejected_by_the_unique_index()
    {
        await using var connection = new SqliteConnection(_harness.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync(TestContext.Current.CancellationToken));

        await using var duplicate = connection.CreateCommand();
        duplicate.CommandText = "INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at) " +
                                "VALUES ('account-x', 1, 'MoneyDeposited', 1, '{}', '{}', '2026-01-01T00:00:00.0000000Z')";
        var refused = await Assert.ThrowsAsync<SqliteException>(() => duplicate.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();
}
