using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Snapshots;

/// <summary>
/// Drift — a snapshot whose bytes match their checksum but whose state is not what its events fold to — is caught
/// without anyone pressing a button: on the snapshot's first use, or by the background pass, whichever comes first.
/// </summary>
[Trait("Proof", "Snapshot")]
public sealed class SnapshotDriftProofTests : IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _derived = new();
    private readonly AccountId _id = AccountId.Parse("drift0000001");
    private AccountSnapshots _snapshots = default!;

    public async ValueTask InitializeAsync()
    {
        _snapshots = new AccountSnapshots(new SnapshotStore(_derived.Database), new SnapshotOptions(Every: 100));
        var handler = new AccountCommandHandler(_ledger.Store, TimeProvider.System, new LedgerNotifications(), _ledger.Keys, _snapshots);
        await handler.HandleAsync(_id, new OpenAccount("Drifting Stream", Plan.Plus, "EUR"), CommandContext.For("t"));
        for (var i = 1; i < 650; i++)
        {
            Assert.IsType<CommandOutcome.Accepted>(await handler.HandleAsync(_id, new Deposit(1.00m), CommandContext.For("t")));
        }

        _snapshots = new AccountSnapshots(_snapshots.Store, _snapshots.Options); // fresh counters for the assertions
    }

    [Fact]
    public async Task A_drifted_snapshot_below_the_newest_is_caught_on_first_use_the_answer_is_right_and_it_is_quarantined()
    {
        // Balance 300.00 at version 300 in truth; the planted snapshot says 999.00, with a checksum that matches its bytes.
        PlantDrift(version: 300, balance: 999.00m);
        var at = (await _ledger.Store.ReadStream(_id.StreamId, new StreamReadRange(FromVersion: 350, ToVersion: 350)))[0];

        var asOf = await new AccountLoader(_ledger.Store, _ledger.Keys, _snapshots).LoadAsync(_id, new StreamReadRange(UntilPosition: at.Position));

        Assert.Equal(349.00m, ((AccountState.Active)asOf.State).Balance); // 349 deposits of 1.00: what a full replay says
        Assert.Equal(await new AccountLoader(_ledger.Store, _ledger.Keys).LoadAsync(_id, new StreamReadRange(UntilPosition: at.Position)), asOf);
        Assert.Equal(1, _snapshots.Statistics.Drifted);
        Assert.StartsWith("drift:", _snapshots.Store.QuarantineReason(_id.StreamId, 300), StringComparison.Ordinal);
        Assert.DoesNotContain(_snapshots.Store.Candidates(_id.StreamId, limit: 10), s => s.Version == 300); // never offered again
        Assert.Equal(1, _snapshots.Store.Health().Quarantined);
    }

    [Fact]
    public async Task The_background_pass_quarantines_a_drifted_snapshot_no_load_has_touched_and_verifies_the_rest()
    {
        PlantDrift(version: 200, balance: 12.34m);
        var verifier = new SnapshotVerifier(_ledger.Store, _ledger.Keys, _snapshots);

        while (await verifier.VerifySomeAsync(budget: 2) > 0)
        {
        }

        Assert.Equal(new SnapshotHealth(Total: 6, Verified: 5, Unverified: 0, Quarantined: 1), _snapshots.Store.Health());
        Assert.NotNull(_snapshots.Store.QuarantineReason(_id.StreamId, 200));
        Assert.Equal(1, _snapshots.Statistics.Drifted);
    }

    [Fact]
    public async Task A_verified_snapshot_is_trusted_and_a_load_then_folds_only_the_tail()
    {
        var verifier = new SnapshotVerifier(_ledger.Store, _ledger.Keys, _snapshots);
        while (await verifier.VerifySomeAsync(budget: 10) > 0)
        {
        }

        var counting = new CountingReader(_ledger.Store);
        var loaded = await new AccountLoader(counting, _ledger.Keys, _snapshots).LoadAsync(_id);

        Assert.Equal(650, loaded.Version);
        Assert.Equal(50, counting.StreamEventsRead); // versions 601..650: nothing before the snapshot at 600
        Assert.Equal(0, _snapshots.Statistics.Drifted);
    }

    [Fact]
    public async Task Checking_a_snapshot_folds_from_the_newest_one_below_it_already_checked_not_from_the_start()
    {
        var counting = new CountingReader(_ledger.Store);
        var verifier = new SnapshotVerifier(counting, _ledger.Keys, _snapshots);
        var stored = _snapshots.Store.ForStream(_id.StreamId);
        _snapshots.Store.SaveMany(stored); // the setup's loads checked each on first use; saved again, none is checked
        Assert.Equal(6, _snapshots.Store.Health().Unverified);

        await verifier.VerifyAsync(stored.Single(s => s.Version == 300));
        Assert.Equal(300, counting.StreamEventsRead); // none checked yet: from the start, checking 100 and 200 on the way
        await verifier.VerifyAsync(stored.Single(s => s.Version == 500));
        Assert.Equal(300 + 200, counting.StreamEventsRead); // from 300, checked now: versions 301..500, checking 400 on the way

        Assert.Equal((5L, 0L), (_snapshots.Statistics.Verified, _snapshots.Statistics.Drifted));
    }

    private void PlantDrift(long version, decimal balance)
    {
        var stored = _snapshots.Store.ForStream(_id.StreamId).Single(s => s.Version == version);
        var drifted = AccountStateCodec.Encode(((AccountState.Active)AccountStateCodec.Decode(stored.Data)) with { Balance = balance });
        _snapshots.Store.Save(stored with { Data = drifted, Checksum = AccountStateCodec.Checksum(drifted) });
    }

    public async ValueTask DisposeAsync()
    {
        _derived.Dispose();
        await _ledger.DisposeAsync();
    }

    private sealed class CountingReader(IEventStoreReader inner) : DelegatingReader(inner)
    {
        public int StreamEventsRead { get; private set; }

        public override async IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var e in base.ReadStreamAsync(streamId, range, cancellationToken))
            {
                StreamEventsRead++;
                yield return e;
            }
        }
    }
}
