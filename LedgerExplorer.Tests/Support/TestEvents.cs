using System.Globalization;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.Support;

/// <summary>Builders for events as the store sees them (type + JSON + metadata). The store contract does not care what they mean.</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static EventData Event(string type = "Something", string? data = null, DateTimeOffset? at = null, string actor = "tester") =>
        new(type, 1, data ?? $$"""{"n":{{Random.Shared.Next(1000).ToString(CultureInfo.InvariantCulture)}}}""",
            new EventMetadata(Guid.CreateVersion7(), actor, Guid.CreateVersion7(), Guid.CreateVersion7(), at ?? T0));

    public static EventData[] Events(int count, DateTimeOffset? at = null) =>
        Enumerable.Range(1, count).Select(i => Event(data: $$"""{"i":{{i}}}""", at: at)).ToArray();

    public static string NewStream() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<List<StoredEvent>> ReadStream(this IEventStoreReader reader, string stream, StreamReadRange? range = null)
    {
        var events = new List<StoredEvent>();
        await foreach (var e in reader.ReadStreamAsync(stream, range ?? StreamReadRange.All)) events.Add(e);
        return events;
    }
}
