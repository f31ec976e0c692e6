using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// GDPR erasure against an append-only log, by crypto-shredding — a small saga whose steps are journaled
/// (<see cref="IForgetJournal"/>, in the key store): (0) note the forget as under way; (1) append OwnerForgotten,
/// which carries no personal data; (2) destroy the subject's data key, so the name in the log is ciphertext nobody
/// can read; (3) purge the stream's snapshots, which cached the decrypted name; (4) let the read models apply
/// OwnerForgotten, then truncate their WAL so no old page with the name is left in a file; (5) note it done.
/// Once the decision is in the log, the rest runs to the end whatever the caller does (a disconnect does not stop
/// it); a process that dies midway finishes it at its next start (<see cref="ResumeAsync"/>). The log is not
/// touched: every balance still replays.
/// </summary>
public sealed class OwnerEraser(
    AccountCommandHandler handler,
    AccountLoader loader,
    IPersonalDataVault vault,
    IForgetJournal journal,
    SnapshotStore snapshots,
    IEnumerable<IProjectionRunner> projections,
    ReadModelDatabase readModels,
    Func<CancellationToken, Task>? truncateReadModelWal = null)
{
    // A test seam (the negative control of the crypto-shredding proof leaves the WAL as it is, and finds the name).
    private readonly Func<CancellationToken, Task> _truncateReadModelWal = truncateReadModelWal ?? readModels.TruncateWalAsync;

    public async Task<(CommandOutcome Outcome, ForgetResult? Result)> ForgetAsync(AccountId id, CommandContext context, CancellationToken cancellationToken = default)
    {
        journal.Begin(id.Value);
        CommandOutcome outcome;
        try
        {
            outcome = await handler.HandleAsync(id, new ForgetOwner(), context, cancellationToken);
        }
        catch
        {
            await ResumeOneAsync(id); // the append may or may not have happened: finish it, or drop the journal entry
            throw;
        }

        if (outcome is not CommandOutcome.Accepted accepted)
        {
            journal.End(id.Value);
            return (outcome, null);
        }

        // The decision is in the log: from here on nothing is cancelled (CancellationToken.None throughout).
        return (outcome, await CompleteAsync(id, accepted.Result));
    }

    /// <summary>Finishes every forget a process left under way (at start-up). Returns how many it finished.</summary>
    public async Task<int> ResumeAsync()
    {
        var finished = 0;
        foreach (var subject in journal.Pending())
        {
            if (AccountId.TryParse(subject, out var id) && await ResumeOneAsync(id)) finished++;
            else journal.End(subject);
        }

        return finished;
    }

    private async Task<bool> ResumeOneAsync(AccountId id)
    {
        var loaded = await loader.LoadAsync(id, cancellationToken: CancellationToken.None);
        if (loaded.View is not { Owner: PersonalData.Erased } view)
        {
            journal.End(id.Value); // OwnerForgotten never reached the log: there is nothing to finish
            return false;
        }

        await CompleteAsync(id, new CommandResult(id.Value, loaded.Version, loaded.Position, view));
        return true;
    }

    private async Task<ForgetResult> CompleteAsync(AccountId id, CommandResult result)
    {
        var keyDestroyed = vault.Forget(id.Value);
        var purged = snapshots.DeleteStream(id.StreamId);
        var stopped = new List<string>();
        foreach (var projection in projections)
        {
            await projection.CatchUpAsync(cancellationToken: CancellationToken.None);
            // A projection stopped at an error applies nothing: say so rather than report a forget as complete.
            if ((await projection.GetStatusAsync(CancellationToken.None)).Error is not null) stopped.Add(projection.Name);
        }

        await _truncateReadModelWal(CancellationToken.None);
        journal.End(id.Value);
        return new ForgetResult(result, keyDestroyed, purged, stopped);
    }
}
