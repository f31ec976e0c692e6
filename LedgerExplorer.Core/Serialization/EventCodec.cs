using System.Text.Json;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Serialization;

/// <summary>
/// Turns domain events into stored JSON and back. <see cref="Decode"/> is the one path every load takes
/// (aggregate load, temporal query, projections), so it is where old schema versions are handled.
/// </summary>
public static class EventCodec
{
    public static EventData Encode(IAccountEvent @event, EventMetadata metadata)
    {
        var type = EventTypeRegistry.For(@event);
        var data = JsonSerializer.Serialize(@event, type.JsonTypeInfo);
        return new EventData(type.Name, type.CurrentSchemaVersion, data, metadata);
    }

    public static IAccountEvent Decode(StoredEvent stored)
    {
        try
        {
            var type = EventTypeRegistry.ForName(stored.EventType);
            // Today's events go straight to the deserializer; older ones are upcast first. The stored bytes never change.
            var json = stored.SchemaVersion == type.CurrentSchemaVersion ? stored.Data : UpcasterChain.Default.Upcast(stored, type.CurrentSchemaVersion);
            return JsonSerializer.Deserialize(json, type.JsonTypeInfo) as IAccountEvent
                ?? throw new EventDecodingException(stored, "the data is JSON null");
        }
        catch (Exception ex) when (ex is JsonException or UnknownEventTypeException)
        {
            throw new EventDecodingException(stored, ex.Message, ex);
        }
    }

    /// <summary>The stored JSON in today's shape (upcast if it is older): what the schema view shows beside the stored bytes.</summary>
    public static string UpcastData(StoredEvent stored) =>
        UpcasterChain.Default.Upcast(stored, EventTypeRegistry.ForName(stored.EventType).CurrentSchemaVersion);

    public static string EncodeMetadata(EventMetadata metadata) => JsonSerializer.Serialize(metadata, LedgerJsonContext.Default.EventMetadata);

    public static EventMetadata DecodeMetadata(string json) =>
        JsonSerializer.Deserialize(json, LedgerJsonContext.Default.EventMetadata)
        ?? throw new JsonException("Event metadata is JSON null.");
}

/// <summary>A stored event this code cannot read. Names the event's global position so the row can be found.</summary>
public sealed class EventDecodingException(StoredEvent stored, string reason, Exception? inner = null)
    : Exception($"Cannot read event at position {stored.Position} ({stored.EventType} v{stored.SchemaVersion} in '{stored.StreamId}'): {reason}.", inner)
{
    public long Position { get; } = stored.Position;
}
