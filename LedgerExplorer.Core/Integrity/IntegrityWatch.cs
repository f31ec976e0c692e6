using System.Diagnostics.Metrics;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Integrity;

/// <summary>What the watch knows of the chain: verified up to a position (with the hash there), or broken at one.</summary>
public sealed record IntegrityStatus(long VerifiedTo, string Hash, ChainBreak? Break, DateTimeOffset CheckedAt, DateTimeOffset? FullWalkAt, TimeSpan FullWalkTook)
{
    public static readonly IntegrityStatus NotYetChecked = new(0, EventHash.ToHex(EventHash.Genesis), null, DateTimeOffset.MinValue, null, TimeSpan.Zero);

    public bool Intact => Break is null;
}

/// <summary>
/// Keeps the chain verified as the log grows, as a projector follows it: each <see cref="TickAsync"/> walks only the
/// events appended since the last one (from the verified hash, not from the start), so a row added beside the writer
/// is named within one tick; <see cref="FullWalkAsync"/> re-walks everything, catching an edit to a row already
/// verified. If the stored hash where it stopped is no longer the one it verified — the ledger was started over, or
/// rewritten — it walks again from the start. Metrics (meter <c>LedgerExplorer.Integrity</c>):
/// <c>ledger.integrity.verified_position</c> and <c>ledger.integrity.broken</c> (1 while a break is known).
/// </summary>
public sealed class IntegrityWatch(ChainVerifier verifier, IEventChain chain, TimeProvider clock)
{
    public const string MeterName = "LedgerExplorer.Integrity";

    private static readonly Meter Meter = new(MeterName);
    private static IntegrityStatus s_lastSeen = IntegrityStatus.NotYetChecked;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IntegrityStatus _status = IntegrityStatus.NotYetChecked;

    static IntegrityWatch()
    {
        Meter.CreateObservableGauge("ledger.integrity.verified_position", () => s_lastSeen.VerifiedTo, unit: "{event}", description: "The chain is verified up to this position");
        Meter.CreateObservableGauge("ledger.integrity.broken", () => s_lastSeen.Intact ? 0 : 1, description: "1 while the walk has found a row that does not match its hash");
    }

    public IntegrityStatus Status => _status;

    /// <summary>Raised after every walk that changed the status.</summary>
    public event Action<IntegrityStatus>? Changed;

    /// <summary>Verifies what was appended since the last walk.</summary>
    public async Task<IntegrityStatus> TickAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var known = _status;
            if (known.FullWalkAt is null || !await StillHoldsAsync(known, cancellationToken)) return await WalkLockedAsync(cancellationToken);
            if (!known.Intact) return known; // a break stays reported until a full walk finds the log whole again
            var walk = await verifier.VerifyAsync(known.VerifiedTo, EventHash.FromHex(known.Hash), cancellationToken: cancellationToken);
            return Publish(new IntegrityStatus(walk.VerifiedTo, EventHash.ToHex(walk.Hash), walk.Break, clock.GetUtcNow(), known.FullWalkAt, known.FullWalkTook));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-walks the whole chain from the first event.</summary>
    public async Task<IntegrityStatus> FullWalkAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await WalkLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IntegrityStatus> WalkLockedAsync(CancellationToken cancellationToken)
    {
        var walk = await verifier.VerifyAsync(cancellationToken: cancellationToken);
        var now = clock.GetUtcNow();
        return Publish(new IntegrityStatus(walk.VerifiedTo, EventHash.ToHex(walk.Hash), walk.Break, now, now, walk.Took));
    }

    /// <summary>The hash stored where the last walk stopped is still the one it verified.</summary>
    private async Task<bool> StillHoldsAsync(IntegrityStatus known, CancellationToken cancellationToken)
    {
        if (known.VerifiedTo == 0) return true;
        var links = await chain.ReadChainAsync(known.VerifiedTo, 1, cancellationToken);
        return links is [var link] && link.Position == known.VerifiedTo && EventHash.ToHex(link.Hash) == known.Hash;
    }

    private IntegrityStatus Publish(IntegrityStatus status)
    {
        var before = _status;
        _status = status;
        s_lastSeen = status;
        if (before.VerifiedTo != status.VerifiedTo || before.Break != status.Break || before.FullWalkAt != status.FullWalkAt) Changed?.Invoke(status);
        return status;
    }
}
