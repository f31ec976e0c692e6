using System.Globalization;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Core.Audit;

/// <summary>
/// Questions answered from the log alone. Events carry who and when in their metadata; what something was
/// before a change is never stored in the event — it is what the fold says just before it.
/// </summary>
public sealed class AccountAudit(IEventStoreReader reader, IPersonalDataVault vault)
{
    /// <summary>
    /// Who changed the plan with effect on <paramref name="date"/> (UTC, business time), from what to what, and when each
    /// change was recorded. Null for an account that never existed. The plan in force is the fold of the events that had
    /// happened by the day's end (as known now).
    /// </summary>
    public async Task<PlanAuditAnswer?> PlanChangesOnAsync(AccountId id, DateOnly date, CancellationToken cancellationToken = default)
    {
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var endOfDay = start.AddDays(1).AddTicks(-1);
        if (!await ExistsAsync(id, cancellationToken)) return null;

        var state = AccountDecider.Initial;
        var changes = new List<PlanChangeRecord>();
        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, StreamReadRange.All, cancellationToken))
        {
            var metadata = EventMetadataJson.Decode(stored.Metadata, stored.RecordedAt);
            if (metadata.OccurredAt > endOfDay) continue;
            var e = EventCodec.Decode(stored, vault);
            if (e is PlanChanged changed && metadata.OccurredAt >= start && PlanOf(state) is { } prior)
            {
                changes.Add(new PlanChangeRecord(metadata.OccurredAt, metadata.Actor, prior, changed.NewPlan, stored.StreamVersion, stored.Position, stored.RecordedAt));
            }

            state = AccountDecider.Evolve(state, e);
        }

        return new PlanAuditAnswer(id.Value, date, PlanOf(state), changes);
    }

    /// <summary>
    /// Every change to the account that happened in [from, to] (business time), each field's before and after (the
    /// balance as the log had it, in log order), with when it was recorded. Null for an account that never existed.
    /// </summary>
    public async Task<IReadOnlyList<AccountChange>?> ChangesAsync(AccountId id, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        if (!await ExistsAsync(id, cancellationToken)) return null;

        var state = AccountDecider.Initial;
        var changes = new List<AccountChange>();
        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, StreamReadRange.All, cancellationToken))
        {
            // Stryker disable once Arithmetic : equivalent — the diff compares fields, never the view's version
            var before = AccountView.From(id, state, stored.StreamVersion - 1);
            state = AccountDecider.Evolve(state, EventCodec.Decode(stored, vault));
            var metadata = EventMetadataJson.Decode(stored.Metadata, stored.RecordedAt);
            if (metadata.OccurredAt < from || metadata.OccurredAt > to) continue;
            var after = AccountView.From(id, state, stored.StreamVersion);
            changes.Add(new AccountChange(stored.Position, stored.StreamVersion, metadata.OccurredAt, stored.RecordedAt, metadata.Actor, stored.EventType, Diff(before, after))
            {
                Reason = metadata.Reason,
            });
        }

        return changes;
    }

    private async Task<bool> ExistsAsync(AccountId id, CancellationToken cancellationToken)
    {
        await foreach (var _ in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(ToVersion: 1), cancellationToken)) return true;
        return false;
    }

    private static Plan? PlanOf(AccountState state) => state switch
    {
        AccountState.Active a => a.Plan,
        AccountState.Closed c => c.Plan,
        _ => null,
    };

    private static List<FieldChange> Diff(AccountView? before, AccountView? after)
    {
        var fields = new List<FieldChange>();
        void Compare(string field, string? b, string? a)
        {
            if (b != a) fields.Add(new FieldChange(field, b, a));
        }

        Compare("owner", before?.Owner, after?.Owner);
        Compare("plan", before?.Plan.ToString(), after?.Plan.ToString());
        Compare("balance", before?.Balance.ToString("0.00", CultureInfo.InvariantCulture), after?.Balance.ToString("0.00", CultureInfo.InvariantCulture));
        Compare("status", before?.Status.ToString(), after?.Status.ToString());
        return fields;
    }
}
