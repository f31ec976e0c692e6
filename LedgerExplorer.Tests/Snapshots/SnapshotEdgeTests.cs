using System.Text.Json;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LedgerExplorer.Tests.Snapshots;

/// <summary>
/// The snapshot cache's edges, from the mutants that survived its proofs: a policy of 0 never takes one; a load that
/// starts past version 1 uses none, and one bounded below a snapshot's version is offered the one before; an ignored
/// snapshot is logged; a snapshot is usable only if both its checksum and its schema are right; a stream's snapshots
/// (which hold the decrypted owner) can be removed, one stream's or all; a snapshot that cannot be written costs
/// nothing but itself; and the state codec refuses, by name, what it cannot read.
/// </summary>
[Trait("Proof", "Snapshot")]
public sealed class SnapshotEdgeTests : IDisposable
{
    private static readonly AccountState Ada = new AccountState.Active("Ada Lovelace", Plan.Basic, "EUR", 12.50m);
    private readonly ReadModelHarness _derived = new();
    private readonly SnapshotStore _store;

    public SnapshotEdgeTests() => _store = new SnapshotStore(_derived.Database);

    public void Dispose() => _derived.Dispose();

    [Theory]
    [InlineData(0, 0, 500, false)]
    [InlineData(100, 99, 100, true)]
    [InlineData(100, 100, 199, false)]
    [InlineData(100, 150, 250, true)]
    public void A_snapshot_is_due_when_an_append_crosses_a_multiple_of_the_policy_and_never_with_a_policy_of_0(int every, long before, long after, bool due) =>
        Assert.Equal(due, new SnapshotOptions(every).IsDue(before, after));

    [Fact]
    public void A_load_that_starts_past_version_1_never_uses_a_snapshot()
    {
        var snapshots = new AccountSnapshots(_store, new SnapshotOptions());
        _store.Save(AccountSnapshots.Take("account-ada", Ada, 100, 100, TestEvents.T0));

        Assert.NotNull(snapshots.TryLoad("account-ada", new StreamReadRange(FromVersion: 1)));
        Assert.Null(snapshots.TryLoad("account-ada", new StreamReadRange(FromVersion: 2)));
    }

    [Fact]
    public void A_load_bounded_below_a_snapshots_version_is_offered_the_one_before_it()
    {
        var snapshots = new AccountSnapshots(_store, new SnapshotOptions());
        _store.SaveMany([
            AccountSnapshots.Take("account-ada", Ada, 100, 100, TestEvents.T0),
            AccountSnapshots.Take("account-ada", Ada, 200, 250, TestEvents.T0),
        ]);

        Assert.Equal(100, snapshots.TryLoad("account-ada", new StreamReadRange(ToVersion: 199))?.Snapshot.Version); // 200 would answer past the bound
        Assert.Equal(200, snapshots.TryLoad("account-ada", new StreamReadRange(ToVersion: 200))?.Snapshot.Version);
    }

    [Fact]
    public void A_snapshot_ignored_for_its_bytes_is_logged_as_a_warning_that_names_it()
    {
        var logger = new FakeLogger<AccountSnapshots>();
        var snapshots = new AccountSnapshots(_store, new SnapshotOptions(), logger);
        var good = AccountSnapshots.Take("account-ada", Ada, 100, 100, TestEvents.T0);
        _store.Save(good with { Checksum = new string('0', good.Checksum.Length) });

        Assert.Null(snapshots.TryLoad("account-ada", StreamReadRange.All));
        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal((LogLevel.Warning, "Ignoring snapshot of account-ada at version 100: its bytes do not match their checksum"), (logged.Level, logged.Message));
    }

    [Fact]
    public void A_snapshot_is_usable_only_with_its_checksum_and_its_schema_both_right()
    {
        var good = AccountSnapshots.Take("account-ada", Ada, 100, 100, TestEvents.T0);

        Assert.True(AccountSnapshots.IsUsable(good));
        Assert.False(AccountSnapshots.IsUsable(good with { Checksum = new string('0', good.Checksum.Length) }));
        Assert.False(AccountSnapshots.IsUsable(good with { StateSchemaVersion = AccountStateCodec.CurrentSchemaVersion + 1 }));
    }

    [Fact]
    public void An_unopened_account_has_nothing_to_snapshot_and_a_snapshot_of_a_kind_no_fold_gives_is_refused_by_its_name()
    {
        var unopened = Assert.Throws<ArgumentException>(() => AccountStateCodec.Encode(AccountDecider.Initial));
        Assert.StartsWith("An unopened account has nothing to snapshot.", unopened.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<JsonException>(() => AccountStateCodec.Decode(
            """{"kind":"frozen","ownerName":"Ada Lovelace","plan":"Basic","currency":"EUR","balance":12.50}"""));
        Assert.Equal("Unknown snapshot state kind 'frozen'.", unknown.Message);
        Assert.Equal("Snapshot data is JSON null.", Assert.Throws<JsonException>(() => AccountStateCodec.Decode("null")).Message);
    }

    [Fact]
    public void A_snapshot_that_cannot_be_saved_is_skipped_and_the_append_it_followed_is_not_failed()
    {
        var snapshots = new AccountSnapshots(_store, new SnapshotOptions(Every: 100));
        snapshots.AfterAppend(AccountId.New(), versionBefore: 99, versionAfter: 100, Ada, position: 100, TestEvents.T0);
        Assert.Equal(1, snapshots.Statistics.Written); // the control: the same call with a working store saves one

        using (var connection = _derived.Database.Open())
        using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TABLE snapshots"; // the cache's table gone: every save fails with a SqliteException
            drop.ExecuteNonQuery();
        }

        snapshots.AfterAppend(AccountId.New(), versionBefore: 199, versionAfter: 200, Ada, position: 200, TestEvents.T0); // does not throw
        Assert.Equal(1, snapshots.Statistics.Written);
    }

    [Fact]
    public void A_streams_snapshots_are_removed_alone_and_clearing_removes_every_one()
    {
        _store.SaveMany([
            AccountSnapshots.Take("account-ada", Ada, 100, 100, TestEvents.T0),
            AccountSnapshots.Take("account-ada", Ada, 200, 250, TestEvents.T0),
            AccountSnapshots.Take("account-bob", Ada, 100, 120, TestEvents.T0),
        ]);

        Assert.Equal(2, _store.DeleteStream("account-ada"));
        Assert.Empty(_store.ForStream("account-ada"));
        Assert.Single(_store.ForStream("account-bob"));

        _store.Clear();
        Assert.Empty(_store.ForStream("account-bob"));
    }
}
