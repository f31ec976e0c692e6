using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Hosting;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class SecondBackendDemonstration() : OwnLogDemonstration(
    "second-backend",
    "A second backend on a log",
    "The store is a port. The same contract — including the concurrency race — holds on NATS JetStream, a replicated log, where the server itself refuses a stale append.",
    "/events",
    "LedgerExplorer.Core/EventStore/JetStream/JetStreamEventStore.cs",
    "SecondBackend (JetStreamConcurrencyContract)")
{
    protected override async Task PerformAsync(DemonstrationLog log, CancellationToken ct)
    {
        await using var server = await LocalNatsServer.TryStartAsync(ct);
        if (server is null)
        {
            log.Did("Would start a nats-server with JetStream and race two appends on it.");
            log.Skipped($"Not run: no nats-server was found ({string.Join(", ", LocalNatsServer.Candidates)}). Install it (apt-get install -y nats-server) to run this step.");
            return;
        }

        await using var one = new JetStreamEventStore(new JetStreamOptions { Url = server.Url });
        await using var other = new JetStreamEventStore(new JetStreamOptions { Url = server.Url });
        var first = await one.AppendAsync("account-ada", ExpectedVersion.NoStream, [Event("AccountOpened")], ct);
        using var start = new Barrier(2);
        async Task<string> Try(JetStreamEventStore store, string who)
        {
            try
            {
                start.SignalAndWait(ct);
                var r = await store.AppendAsync("account-ada", ExpectedVersion.Exactly(1), [Event("MoneyDeposited")], ct);
                return $"{who}: accepted at version {r.NextVersion}, position {r.LastPosition}";
            }
            catch (ConcurrencyException e)
            {
                return $"{who}: refused by the server — ConcurrencyException (expected {e.ExpectedVersion}, actual {e.ActualVersion})";
            }
        }

        var outcomes = await Task.WhenAll(Task.Run(() => Try(one, "writer A"), ct), Task.Run(() => Try(other, "writer B"), ct));
        var stored = await one.ReadAllAsync(1, 10, ct);
        log.Did($"Started nats-server (JetStream, {server.Url}), opened a stream on it, then raced two appends at expected version 1 from two store instances.");
        log.Saw("first append", $"version {first.NextVersion}, position {first.LastPosition} (= the JetStream sequence)");
        log.Saw("race", outcomes[0]);
        log.Saw("race", outcomes[1]);
        log.Saw("the stream holds", string.Join(", ", stored.Select(e => $"{e.Position}:{e.EventType} v{e.StreamVersion}")));
        log.Expect(outcomes.Count(o => o.Contains("accepted", StringComparison.Ordinal)) == 1 && stored.Count == 2, "Expected one winner, one refusal, and two events stored.");
    }

    private static EventData Event(string type) =>
        new(type, 1, "{}", new EventMetadata(Guid.CreateVersion7(), "walkthrough", Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow));
}
