using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.Serialization;

/// <summary>
/// Metadata written before events had two times carries one, <c>recordedAt</c>, which was also the row's recorded-at.
/// Read today, such an event happened when it was recorded: the upcast supplies its occurred-at; the bytes stay as they are.
/// </summary>
[Trait("Proof", "Upcaster")]
[Trait("Proof", "Bitemporal")]
public sealed class MetadataUpcastTests
{
    private const string Before = """{"eventId":"0190d000-0000-7000-8000-000000000001","actor":"alice","correlationId":"0190d000-0000-7000-8000-000000000002","causationId":"0190d000-0000-7000-8000-000000000003","recordedAt":"2026-03-02T09:00:00+00:00"}""";

    private static readonly DateTimeOffset Recorded = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Old_metadata_reads_as_having_happened_when_it_was_recorded()
    {
        var stored = new StoredEvent(1, "account-0a1b2c3d4e5f", 1, "MoneyDeposited", 2, """{"amount":1,"reference":null}""", Before, Recorded);

        Assert.Equal(Recorded, stored.OccurredAt);
        Assert.Equal(Recorded, EventMetadataJson.Decode(stored.Metadata, stored.RecordedAt).OccurredAt);
        Assert.Equal("alice", EventMetadataJson.Decode(stored.Metadata, stored.RecordedAt).Actor);
        Assert.False(EventMetadataJson.Times(stored.Metadata, stored.RecordedAt).Backdated);
        Assert.Equal(Before, stored.Metadata); // read, never rewritten
    }

    [Fact]
    public void New_metadata_carries_its_own_business_time_and_a_late_one_its_reason()
    {
        var occurred = new DateTimeOffset(2026, 2, 27, 17, 30, 0, TimeSpan.Zero);
        var metadata = EventMetadataJson.Encode(new EventMetadata(Guid.NewGuid(), "bob", Guid.NewGuid(), Guid.NewGuid(), occurred) { Reason = "posted late" });

        Assert.Equal(occurred, EventMetadataJson.OccurredAt(metadata, Recorded));
        Assert.Equal(occurred, EventMetadataJson.Decode(metadata, Recorded).OccurredAt); // its own time, not the row's
        Assert.Equal((occurred, true), EventMetadataJson.Times(metadata, Recorded));
        Assert.DoesNotContain("recordedAt", metadata, StringComparison.Ordinal); // the store's to stamp, not the metadata's
    }

    [Fact]
    public void The_scanner_answers_as_the_full_decode_does_for_long_metadata_a_null_reason_and_any_property_order()
    {
        var occurred = new DateTimeOffset(2026, 2, 27, 17, 30, 0, TimeSpan.Zero);
        var longActor = new string('a', 3_000); // past the scanner's stack buffer: the pooled one is used
        var metadata = EventMetadataJson.Encode(new EventMetadata(Guid.NewGuid(), longActor, Guid.NewGuid(), Guid.NewGuid(), occurred) { Reason = "late" });

        Assert.Equal((occurred, true), EventMetadataJson.Times(metadata, Recorded));
        Assert.Equal((occurred, false), EventMetadataJson.Times("""{"reason":null,"occurredAt":"2026-02-27T17:30:00+00:00"}""", Recorded));
        Assert.Equal((occurred, true), EventMetadataJson.Times("""{"reason":"late","nested":{"occurredAt":"2020-01-01T00:00:00+00:00"},"occurredAt":"2026-02-27T17:30:00+00:00"}""", Recorded));
        Assert.Equal("Event metadata is not a JSON object.", Assert.Throws<System.Text.Json.JsonException>(() => EventMetadataJson.Times("[1]", Recorded)).Message);
        Assert.Equal("Event metadata is JSON null.", Assert.Throws<System.Text.Json.JsonException>(() => EventMetadataJson.Decode("null")).Message);
    }
}
