using CsCheck;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Properties;

/// <summary>
/// Transaction time only moves forward: whatever the wall clock does (NTP steps it back, two threads read it in either
/// order) and however many writers append at once, recorded-at never decreases along the log's positions — and it is
/// the store's clock, never a time an appender sent.
/// </summary>
[Trait("Proof", "Bitemporal")]
public sealed class RecordedAtProperties
{
    /// <summary>A wall clock that wanders: each reading is the last one moved by a step that may be negative.</summary>
    private sealed class WanderingClock(DateTimeOffset start, IReadOnlyList<int> stepsMs) : TimeProvider
    {
        private long _reading = -1;

        public override DateTimeOffset GetUtcNow()
        {
            var n = Interlocked.Increment(ref _reading);
            return start.AddMilliseconds(stepsMs.Take((int)(n % stepsMs.Count) + 1).Sum());
        }
    }

    private static readonly Gen<(int Writers, int Appends, int[] Steps)> Schedule =
        Gen.Select(Gen.Int[2, 8], Gen.Int[1, 25], Gen.Int[-5_000, 5_000].Array[1, 40], (writers, appends, steps) => (writers, appends, steps));

    [Fact]
    public Task Recorded_at_never_decreases_along_the_log_under_concurrent_appenders_and_a_clock_that_goes_back() =>
        Schedule.SampleAsync(async schedule =>
        {
            var (writers, appends, steps) = schedule;
            await using var harness = SqliteHarness.Create();
            await using var store = new Core.EventStore.Sqlite.SqliteEventStore(harness.Database, new WanderingClock(TestEvents.T0, steps));
            var sentAt = TestEvents.T0.AddYears(-10); // what an appender claims in its metadata: never the recorded-at

            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var stream = TestEvents.NewStream();
                for (var i = 0; i < appends; i++) await store.AppendAsync(stream, ExpectedVersion.Exactly(i), [TestEvents.Event(at: sentAt)]);
            })));

            var recorded = (await store.ReadAllAsync(1, writers * appends)).Select(e => e.RecordedAt).ToList();
            Assert.Equal(writers * appends, recorded.Count);
            Assert.Equal(recorded.Order(), recorded);
            Assert.DoesNotContain(sentAt, recorded);
        }, iter: 30, threads: 1);
}
