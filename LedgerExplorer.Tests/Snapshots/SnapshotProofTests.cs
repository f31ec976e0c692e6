using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Snapshots;

[Trait("Proof", "Snapshot")]
public sealed class SnapshotProofTests : IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _derived = new();
    private readonly AccountId _id = AccountId.Parse("long00000001");
    private AccountSnapshots _snapshots = default!;
    private LoadedAccount _fullReplay = default!;

    public async ValueTask InitializeAsync()
    {
        _snapshots = new AccountSnapshots(new SnapshotStore(_derived.Database), new SnapshotOptions(Every: 100));
        var handler = new AccountCommandHandler(_ledger.Store, TimeProvider.System, new LedgerNotifications(), _ledger.Keys, _snapshots);
        await handler.HandleAsync(_id, new OpenAccount("Long Stream", Plan.Plus, "EUR"), CommandContext.For("t"));
        for (var i = 1; i < 1_050; i++)
        {
            IAccountCommand command = i % 4 == 0 ? new Withdraw(7.77m) : new Deposit(i % 50 + 0.25m);
            Assert.IsType<CommandOutcome.Accepted>(await handler.HandleAsync(_id, command, CommandContext.For("t")));
        }

        _fullReplay = await new AccountLoader(_ledger.Store, _ledger.Keys).LoadAsync(_id); // no snapshots: the events alone
        _snapshots = new AccountSnapshots(_snapshots.Store, _snapshots.Options); // fresh counters for the assertions
    }

    [Fact]
    public async Task Loading_with_snapshots_gives_exactly_the_state_of_a_full_replay()
    {
        Assert.Equal(Enumerable.Range(1, 10).Select(k => k * 100L), _snapshots.Store.ForStream(_id.StreamId).Select(s => s.Version));

        var viaSnapshot = await new AccountLoader(_ledger.Store, _ledger.Keys, _snapshots).LoadAsync(_id);

        Assert.Equal(_fullReplay, viaSnapshot);
        Assert.Equal(1_050, viaSnapshot.Version);
        Assert.Equal(1, _snapshots.Statistics.Used);

        // Time travel uses snapshots too: stopping at version 555 starts from the snapshot at 500.
        var middle = (await _ledger.Store.ReadStream(_id.StreamId, new StreamReadRange(FromVersion: 555, ToVersion: 555)))[0];
        var asOfFull = await new AccountLoader(_ledger.Store, _ledger.Keys).LoadAsync(_id, new StreamReadRange(UntilPosition: middle.Position));
        var asOfSnapshot = await new AccountLoader(_ledger.Store, _ledger.Keys, _snapshots).LoadAsync(_id, new StreamReadRange(UntilPosition: middle.Position));
        Assert.Equal(asOfFull, asOfSnapshot);
        Assert.Equal(2, _snapshots.Statistics.Used);
    }

    [Fact]
    public async Task A_snapshot_with_one_flipped_byte_is_detected_and_ignored()
    {
        var stored = _snapshots.Store.ForStream(_id.StreamId).Single(s => s.Version == 1000);
        var bytes = System.Text.Encoding.UTF8.GetBytes(stored.Data);
        var digit = stored.Data.IndexOf("\"balance\":", StringComparison.Ordinal) + "\"balance\":".Length;
        bytes[digit] ^= 0x01; // one bit of one byte: '5' becomes '4', say
        Tamper($"UPDATE snapshots SET data = '{System.Text.Encoding.UTF8.GetString(bytes)}' WHERE version = 1000");

        var loaded = await new AccountLoader(_ledger.Store, _ledger.Keys, _snapshots).LoadAsync(_id);

        Assert.Equal(_fullReplay, loaded);
        Assert.Equal(1, _snapshots.Statistics.IgnoredBadChecksum);
        Assert.Equal(1, _snapshots.Statistics.Used); // it fell back to the snapshot at 900
        var check = (await new SnapshotDriftCheck(_ledger.Store, _ledger.Keys, _snapshots.Store).CheckAsync(_id)).Single(c => c.Version == 1000);
        Assert.False(check.ChecksumValid);
    }

    [Fact]
    public async Task A_snapshot_of_an_old_state_schema_version_is_ignored()
    {
        Tamper("UPDATE snapshots SET state_schema_version = 0");

        var loaded = await new AccountLoader(_ledger.Store, _ledger.Keys, _snapshots).LoadAsync(_id);

        Assert.Equal(_fullReplay, loaded);
        Assert.Equal(3, _snapshots.Statistics.IgnoredStaleSchema); // it looks at the newest three, then replays in full
        Assert.Equal(0, _snapshots.Statistics.Used);
    }

    [Fact]
    public async Task The_drift_check_finds_a_snapshot_that_disagrees_with_the_events()
    {
        // A snapshot whose bytes are intact (the checksum matches) but whose content is wrong: a bug, not corruption.
        var wrong = AccountSnapshots.Take(_id.StreamId, new AccountState.Active("Long Stream", Plan.Plus, "EUR", 1_000_000m), 700, 700, DateTimeOffset.UnixEpoch);
        _snapshots.Store.Save(wrong);

        var checks = await new SnapshotDriftCheck(_ledger.Store, _ledger.Keys, _snapshots.Store).CheckAsync(_id);

        Assert.Equal([700L], checks.Where(c => c.MatchesEvents == false).Select(c => c.Version));
        Assert.All(checks.Where(c => c.Version != 700), c => Assert.True(c.MatchesEvents));
        Assert.All(checks, c => Assert.True(c.ChecksumValid));
    }

    private void Tamper(string sql)
    {
        using var connection = _derived.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0);
    }

    public async ValueTask DisposeAsync()
    {
        _derived.Dispose();
        await _ledger.DisposeAsync();
    }
}
