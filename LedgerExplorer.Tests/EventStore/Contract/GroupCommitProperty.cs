using CsCheck;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Contract;

public abstract partial class GroupCommitContract
{
    /// <summary>A few streams and appends to them, all at once, each stating a version it may or may not be right about.</summary>
    private static readonly Gen<(int Streams, (int Stream, int Expected, int Count)[] Appends)> Schedules =
        Gen.Int[1, 3].SelectMany(streams => Gen.Select(Gen.Int[0, streams - 1], Gen.Int[0, 4], Gen.Int[1, 3]).Array[2, 24].Select(appends => (streams, appends)));

    [Fact]
    [Trait("Proof", "Concurrency")]
    public Task Any_interleaving_of_appends_with_any_expected_versions_leaves_gapless_streams_holding_exactly_the_accepted_events() =>
        Schedules.SampleAsync(async schedule =>
        {
            var streams = Enumerable.Range(0, schedule.Streams).Select(_ => TestEvents.NewStream()).ToArray();
            var head = await Store.ReadHeadPositionAsync();

            var outcomes = await Task.WhenAll(schedule.Appends.Select((append, a) => Task.Run(async () =>
            {
                var events = Enumerable.Range(0, append.Count).Select(e => TestEvents.Event(data: $$"""{"append":{{a}},"event":{{e}}}""")).ToArray();
                try
                {
                    return (append, events, Result: (AppendResult?)await Store.AppendAsync(streams[append.Stream], ExpectedVersion.Exactly(append.Expected), events));
                }
                catch (ConcurrencyException)
                {
                    return (append, events, Result: (AppendResult?)null);
                }
            })));

            // The log gained exactly the accepted appends' events, at gapless positions after the head it had.
            var accepted = outcomes.Where(o => o.Result is not null).ToList();
            var log = await Store.ReadAllAsync(head + 1, 1_000);
            Assert.Equal(Enumerable.Range(1, log.Count).Select(i => head + i), log.Select(e => e.Position));
            Assert.Equal(accepted.SelectMany(o => o.events).Select(e => e.Data).Order(), log.Select(e => e.Data).Order());

            // Each stream is gapless from version 1, and each accepted append sits exactly where it said it would follow.
            foreach (var (stream, index) in streams.Select((s, i) => (s, i)))
            {
                var stored = await Store.ReadStream(stream);
                Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(e => e.StreamVersion));
                foreach (var (append, events, result) in accepted.Where(o => o.append.Stream == index))
                {
                    Assert.Equal(append.Expected + append.Count, result!.NextVersion);
                    var placed = stored.Skip(append.Expected).Take(append.Count).ToList();
                    Assert.Equal(events.Select(e => e.Data), placed.Select(e => e.Data));
                    Assert.Equal(result.LastPosition, placed[^1].Position);
                }
            }
        }, iter: 25, threads: 1);
}
