using System.Text.Json;
using System.Text.Json.Serialization;

namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// The stored form of <see cref="EventMetadata"/>: camel-case JSON, the same bytes on every backend. It lives
/// beside the record it encodes so that a store depends on nothing above it (not on the domain's codec).
/// </summary>
public static class EventMetadataJson
{
    public static string Encode(EventMetadata metadata) => JsonSerializer.Serialize(metadata, EventStoreJsonContext.Default.EventMetadata);

    /// <summary>
    /// The metadata of a stored row, upcast: metadata written before events had two times carries only
    /// <c>recordedAt</c> (the caller's clock, which was also the row's <paramref name="recordedAt"/>) and no
    /// <c>occurredAt</c>; such an event happened when it was recorded. The stored bytes are never changed.
    /// </summary>
    public static EventMetadata Decode(string json, DateTimeOffset recordedAt)
    {
        var metadata = Decode(json);
        return metadata.OccurredAt == default ? metadata with { OccurredAt = recordedAt } : metadata;
    }

    /// <summary>The metadata as written (an old row's <see cref="EventMetadata.OccurredAt"/> is default: use the overload with the row's time).</summary>
    public static EventMetadata Decode(string json) =>
        JsonSerializer.Deserialize(json, EventStoreJsonContext.Default.EventMetadata)
        ?? throw new JsonException("Event metadata is JSON null.");

    private static ReadOnlySpan<byte> OccurredAtName => "occurredAt"u8;

    private static ReadOnlySpan<byte> ReasonName => "reason"u8;

    /// <summary>
    /// Only the business time of a stored row (upcast as in <see cref="Decode(string, DateTimeOffset)"/>), found by
    /// scanning the JSON without building the record: every as-of read asks it of every event it folds.
    /// </summary>
    public static DateTimeOffset OccurredAt(string json, DateTimeOffset recordedAt) => Times(json, recordedAt).OccurredAt;

    /// <summary>The business time, and whether the event was posted late on purpose (it carries a reason: a backdated posting or a reversal).</summary>
    public static (DateTimeOffset OccurredAt, bool Backdated) Times(string json, DateTimeOffset recordedAt)
    {
        // Every projected event asks this: the UTF-8 goes on the stack (metadata is a few hundred bytes), not the heap.
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        // Stryker disable once Conditional,Equality : equivalent — on the stack or from the pool, the same bytes are scanned (MetadataUpcastTests reads metadata past the stack buffer too)
        var buffer = max <= 2048 ? stackalloc byte[2048] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            return Times(buffer[..System.Text.Encoding.UTF8.GetBytes(json, buffer)], recordedAt);
        }
        finally
        {
            // Stryker disable once Statement : a buffer not given back to the pool is collected as garbage; the answer is the same
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static (DateTimeOffset OccurredAt, bool Backdated) Times(ReadOnlySpan<byte> utf8, DateTimeOffset recordedAt)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Event metadata is not a JSON object.");
        DateTimeOffset? occurredAt = null;
        var backdated = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOccurredAt = reader.ValueTextEquals(OccurredAtName);
            var isReason = !isOccurredAt && reader.ValueTextEquals(ReasonName);
            reader.Read();
            if (isOccurredAt) occurredAt = reader.GetDateTimeOffset();
            else if (isReason) backdated = reader.TokenType == JsonTokenType.String;
            reader.Skip();
        }

        return (occurredAt ?? recordedAt, backdated);
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class EventStoreJsonContext : JsonSerializerContext;
