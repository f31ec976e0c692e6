using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// GDPR erasure against an append-only log, by crypto-shredding: (1) append OwnerForgotten, which carries no
/// personal data; (2) destroy the subject's data key, so the name in the log is ciphertext nobody can read;
/// (3) purge the stream's snapshots, which cached the decrypted name; (4) let the read models apply
/// OwnerForgotten, then truncate their WAL so no old page with the name is left in a file.
/// The log is not touched: every balance still replays.
/// </summary>
public sealed class OwnerEraser(
    AccountCommandHandler handler,
    IPersonalDataVault vault,
    SnapshotStore snapshots,
    IEnumerable<IProjectionRunner> projections,
    ReadModelDatabase readModels)
{
    public async Task<(CommandOutcome Outcome, ForgetResult? Result)> ForgetAsync(AccountId id, CommandContext context, CancellationToken cancellationToken = default)
    {
        var outcome = await handler.HandleAsync(id, new ForgetOwner(), context, cancellationToken);
        if (outcome is not CommandOutcome.Accepted accepted) return (outcome, null);

        var keyDestroyed = vault.Forget(id.Value);
        var purged = snapshots.DeleteStream(id.StreamId);
        var stopped = new List<string>();
        foreach (var projection in projections)
        {
            await projection.CatchUpAsync(cancellationToken: cancellationToken);
            // A projection stopped at an error applies nothing: say so rather than report a forget as complete.
            if ((await projection.GetStatusAsync(cancellationToken)).Error is not null) stopped.Add(projection.Name);
        }

        await readModels.TruncateWalAsync(cancellationToken);
        return (outcome, new ForgetResult(accepted.Result, keyDestroyed, purged, stopped));
    }
}
