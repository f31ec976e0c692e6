using System.Text.Json;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.Core.Serialization;

/// <summary>
/// Turns domain events into stored JSON and back. <see cref="Decode"/> is the one path every load takes
/// (aggregate load, temporal query, projections, audit), so it is where old schema versions are upcast and
/// where personal data is decrypted — or shown as erased once its key is gone. The domain never sees
/// ciphertext and never does I/O: encryption lives here, at the edge.
/// </summary>
public static class EventCodec
{
    /// <param name="subject">Whose personal data the event may carry (the account id): it picks the data key.</param>
    public static EventData Encode(IAccountEvent @event, EventMetadata metadata, string subject, IPersonalDataVault vault)
    {
        var type = EventTypeRegistry.For(@event);
        var data = @event is AccountOpened opened
            ? JsonSerializer.Serialize(new StoredAccountOpened(vault.Encrypt(subject, opened.OwnerName), opened.Plan, opened.Currency), LedgerJsonContext.Default.StoredAccountOpened)
            : JsonSerializer.Serialize(@event, type.JsonTypeInfo);
        return new EventData(type.Name, type.CurrentSchemaVersion, data, metadata);
    }

    public static IAccountEvent Decode(StoredEvent stored, IPersonalDataVault vault)
    {
        try
        {
            var type = EventTypeRegistry.ForName(stored.EventType);
            // Older events are upcast to today's shape first (today's pass through untouched). The stored bytes never change.
            var json = UpcasterChain.Default.Upcast(stored, type.CurrentSchemaVersion);
            var decoded = JsonSerializer.Deserialize(json, type.JsonTypeInfo) ?? throw new EventDecodingException(stored, "the data is JSON null");
            // Every registered type is an account event, except the opening's stored form, which carries the owner encrypted.
            return decoded is StoredAccountOpened opened
                ? new AccountOpened(vault.TryDecrypt(SubjectOf(stored), opened.Owner) ?? PersonalData.Erased, opened.Plan, opened.Currency)
                : (IAccountEvent)decoded;
        }
        catch (Exception ex) when (ex is JsonException or UnknownEventTypeException or FormatException)
        {
            throw new EventDecodingException(stored, ex.Message, ex);
        }
    }

    /// <summary>The stored JSON in today's shape (upcast if it is older): what the schema view shows beside the stored bytes.</summary>
    public static string UpcastData(StoredEvent stored) =>
        UpcasterChain.Default.Upcast(stored, EventTypeRegistry.ForName(stored.EventType).CurrentSchemaVersion);

    /// <summary>The encrypted owner field of a stored AccountOpened, exactly as stored (for showing ciphertext).</summary>
    public static EncryptedText? EncryptedOwnerOf(StoredEvent stored) =>
        // Stryker disable once Conditional : equivalent — no other event's JSON has an owner field, so it reads as null either way
        stored.EventType == "AccountOpened"
            ? JsonSerializer.Deserialize(stored.Data, LedgerJsonContext.Default.StoredAccountOpened)?.Owner
            : null;

    /// <summary>The data key's subject for an event: its account id.</summary>
    public static string SubjectOf(StoredEvent stored) =>
        AccountId.TryFromStreamId(stored.StreamId, out var id) ? id.Value : stored.StreamId;
}

/// <summary>A stored event this code cannot read. Names the event's global position so the row can be found.</summary>
public sealed class EventDecodingException(StoredEvent stored, string reason, Exception? inner = null)
    : Exception($"Cannot read event at position {stored.Position} ({stored.EventType} v{stored.SchemaVersion} in '{stored.StreamId}'): {reason}.", inner)
{
    public long Position { get; } = stored.Position;
}
