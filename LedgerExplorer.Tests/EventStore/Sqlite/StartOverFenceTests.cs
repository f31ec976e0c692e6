using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>
/// A fence across processes: when one process starts the ledger over, another that still holds the old file (a
/// `load` run, a second App) is refused before it writes — instead of writing into a deleted file, where the
/// acknowledged event would vanish — and its next attempt works on the new ledger.
/// </summary>
public sealed class StartOverFenceTests
{
    [Fact]
    public async Task A_process_holding_the_old_file_is_refused_once_and_then_writes_to_the_new_ledger()
    {
        using var directory = new TempDirectory();
        var path = directory.File("ledger.db");
        var mine = new SqliteLedgerDatabase(path);
        mine.Migrate();
        await using var other = new SqliteEventStore(new SqliteLedgerDatabase(path)); // "another process"
        await other.AppendAsync("account-a", ExpectedVersion.NoStream, [TestEvents.Event()]);

        await new SqliteLedgerLog(mine, new SqliteEventStore(mine)).DeleteAsync(); // this process starts over

        await Assert.ThrowsAsync<LedgerReplacedException>(() => other.AppendAsync("account-b", ExpectedVersion.NoStream, [TestEvents.Event()]));
        var after = await other.AppendAsync("account-c", ExpectedVersion.NoStream, [TestEvents.Event()]);

        await using var reader = new SqliteEventStore(new SqliteLedgerDatabase(path));
        var log = await reader.ReadAllAsync(1, 10);
        Assert.Equal(["account-c"], log.Select(e => e.StreamId)); // only what was acknowledged, and it is in the new ledger
        Assert.Equal(1, after.LastPosition);
    }

    [Fact]
    public async Task A_command_decided_on_the_old_ledger_is_answered_unavailable_not_an_error()
    {
        using var directory = new TempDirectory();
        var path = directory.File("ledger.db");
        var mine = new SqliteLedgerDatabase(path);
        mine.Migrate();
        await using var other = new SqliteEventStore(new SqliteLedgerDatabase(path));
        var handler = new AccountCommandHandler(other, TimeProvider.System, new LedgerNotifications(), new Core.Privacy.SqliteKeyStore(directory.File("keys.db")));
        var id = AccountId.New();
        await handler.HandleAsync(id, new OpenAccount("Ada", Plan.Basic, "EUR"), CommandContext.For("t"));

        await new SqliteLedgerLog(mine, new SqliteEventStore(mine)).DeleteAsync();

        var outcome = await handler.HandleAsync(AccountId.New(), new OpenAccount("Grace", Plan.Basic, "EUR"), CommandContext.For("t"));
        Assert.Contains("started over by another process", Assert.IsType<CommandOutcome.Unavailable>(outcome).Reason, StringComparison.Ordinal);
    }
}
