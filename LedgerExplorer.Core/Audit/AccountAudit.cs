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
    /// <summary>Who changed the plan on <paramref name="date"/> (UTC), from what to what. Null for an account that never existed.</summary>
    public async Task<PlanAuditAnswer?> PlanChangesOnAsync(AccountId id, DateOnly date, CancellationToken cancellationToken = default)
    {
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var endOfDay = start.AddDays(1).AddTicks(-1);
        if (!await ExistsAsync(id, cancellationToken)) return null;

        var state = AccountDecider.Initial;
        var changes = new List<PlanChangeRecord>();
        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(UntilRecordedAt: endOfDay), cancellationToken))
        {
            var e = EventCodec.Decode(stored, vault);
            if (e is PlanChanged changed && stored.RecordedAt >= start && PlanOf(state) is { } prior)
            {
                changes.Add(new PlanChangeRecord(stored.RecordedAt, EventMetadataJson.Decode(stored.Metadata).Actor, prior, changed.NewPlan, stored.StreamVersion, stored.Position));
            }

            state = AccountDecider.Evolve(state, e);
        }

        return new PlanAuditAnswer(id.Value, date, PlanOf(state), changes);
    }

    /// <summary>Every change to the account recorded in [from, to], each field's before and after. Null for an account that never existed.</summary>
    public async Task<IReadOnlyList<AccountChange>?> ChangesAsync(AccountId id, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        if (!await ExistsAsync(id, cancellationToken)) return null;

        var state = AccountDecider.Initial;
        var changes = new List<AccountChange>();
        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(UntilRecordedAt: to), cancellationToken))
        {
            var before = AccountView.From(id, state, stored.StreamVersion - 1);
            state = AccountDecider.Evolve(state, EventCodec.Decode(stored, vault));
            if (stored.RecordedAt < from) continue;
            var after = AccountView.From(id, state, stored.StreamVersion);
            changes.Add(new AccountChange(stored.Position, stored.StreamVersion, stored.RecordedAt, EventMetadataJson.Decode(stored.Metadata).Actor,
                stored.EventType, Diff(before, after)));
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
