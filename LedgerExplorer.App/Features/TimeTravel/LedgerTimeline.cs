using LedgerExplorer.App.Features.Charts;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.App.Features.TimeTravel;

/// <summary>The whole log as a timeline: every event in global order, and each account's balance after each of its events.</summary>
public sealed record LedgerTimeline(IReadOnlyList<StoredEvent> Events, IReadOnlyList<ChartSeries> Balances)
{
    public long FirstPosition => Events.Count > 0 ? Events[0].Position : 0;

    public long LastPosition => Events.Count > 0 ? Events[^1].Position : 0;

    public DateTimeOffset? InstantOf(long position) => Events.FirstOrDefault(e => e.Position == position)?.RecordedAt;

    public static async Task<LedgerTimeline> LoadAsync(IEventStoreReader reader, Core.Privacy.IPersonalDataVault vault, CancellationToken cancellationToken = default)
    {
        var events = new List<StoredEvent>();
        await foreach (var page in reader.ReadAllPagesAsync(1, 5_000, cancellationToken)) events.AddRange(page);

        // The same fold the domain uses, remembered after every event, to draw balances over time.
        var states = new Dictionary<string, AccountState>();
        var points = new Dictionary<string, (List<object> X, List<object> Y)>();
        foreach (var stored in events)
        {
            if (!AccountId.TryFromStreamId(stored.StreamId, out _)) continue;
            var state = AccountDecider.Evolve(states.GetValueOrDefault(stored.StreamId, AccountDecider.Initial), EventCodec.Decode(stored, vault));
            states[stored.StreamId] = state;
            var balance = state is AccountState.Active a ? a.Balance : 0m;
            if (!points.TryGetValue(stored.StreamId, out var series)) points[stored.StreamId] = series = ([], []);
            series.X.Add(stored.RecordedAt.UtcDateTime);
            series.Y.Add(balance);
        }

        var balances = points
            .Select(p => new ChartSeries(OwnerOf(states[p.Key]), p.Value.X, p.Value.Y))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        return new LedgerTimeline(events, balances);
    }

    private static string OwnerOf(AccountState state) => state switch
    {
        AccountState.Active a => a.OwnerName,
        AccountState.Closed c => c.OwnerName,
        _ => "?",
    };
}
