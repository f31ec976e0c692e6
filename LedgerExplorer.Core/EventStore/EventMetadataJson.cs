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

    public static EventMetadata Decode(string json) =>
        JsonSerializer.Deserialize(json, EventStoreJsonContext.Default.EventMetadata)
        ?? throw new JsonException("Event metadata is JSON null.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class EventStoreJsonContext : JsonSerializerContext;
