using System.Text.Json.Serialization;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>
/// One event inside a message. <see cref="Data"/> and <see cref="Metadata"/> are the JSON text exactly as the
/// codec wrote it, carried as strings so the bytes come back unchanged.
/// </summary>
public sealed record JetStreamRecord(
    [property: JsonPropertyName("type")] string EventType,
    [property: JsonPropertyName("schema")] int SchemaVersion,
    [property: JsonPropertyName("version")] long StreamVersion,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("metadata")] string Metadata,
    [property: JsonPropertyName("recordedAt")] DateTimeOffset RecordedAt);

[JsonSerializable(typeof(JetStreamRecord[]))]
internal sealed partial class JetStreamJsonContext : JsonSerializerContext;
