using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>
/// One message of the ledger's stream: its sequence, the stream version it ends at (<c>Ledger-Version</c>), its
/// first event's global position (<c>Ledger-Position</c>), how many events it carries (<c>Ledger-Count</c>), and
/// the events themselves.
/// </summary>
internal sealed record JetStreamMessage(string Subject, ulong Sequence, long Version, long Position, int Count, JetStreamRecord[] Records, byte[][]? Hashes)
{
    public const string VersionHeader = "Ledger-Version";
    public const string PositionHeader = "Ledger-Position";
    public const string CountHeader = "Ledger-Count";

    /// <summary>Each event's chain hash, hex, space-separated, in the message's event order.</summary>
    public const string HashesHeader = "Ledger-Hashes";

    public IEnumerable<ChainLink> Links() =>
        Hashes is null ? [] : Hashes.Select((h, i) => new ChainLink(Position + i, h));

    public IEnumerable<StoredEvent> Events(string streamId) => Records.Select((r, i) =>
        new StoredEvent(Position + i, streamId, r.StreamVersion, r.EventType, r.SchemaVersion, r.Data, r.Metadata, r.RecordedAt));

    public static bool IsNotFound(NatsMsg<byte[]> msg) => msg.Headers?.Code == 404;

    /// <summary>A direct get's answer: the subject and sequence travel in its headers.</summary>
    public static JetStreamMessage Decode(NatsMsg<byte[]> msg)
    {
        // A status instead of a message (408, 503: a replica that could not answer just now) is the log being unavailable.
        if (msg.Headers?.Code is { } code and not 0 and not 200 and not 404) throw new TimeoutException($"A direct get was answered {code} {msg.Headers.MessageText}.");
        msg.EnsureSuccess();
        return Decode(msg.Headers!["Nats-Subject"].ToString(), msg.Headers, msg.Data, ulong.Parse(msg.Headers["Nats-Sequence"].ToString(), CultureInfo.InvariantCulture));
    }

    public static JetStreamMessage Decode(string subject, NatsHeaders? headers, byte[]? data, ulong sequence)
    {
        if (headers is null || data is null) throw new InvalidDataException($"Message {sequence} on '{subject}' is not a ledger message (no headers or no body).");
        var records = JsonSerializer.Deserialize(data, JetStreamJsonContext.Default.JetStreamRecordArray)
                      ?? throw new InvalidDataException($"Message {sequence} on '{subject}' has no events.");
        return new JetStreamMessage(
            subject,
            sequence,
            long.Parse(headers[VersionHeader].ToString(), CultureInfo.InvariantCulture),
            long.Parse(headers[PositionHeader].ToString(), CultureInfo.InvariantCulture),
            int.Parse(headers[CountHeader].ToString(), CultureInfo.InvariantCulture),
            records,
            headers.TryGetValue(HashesHeader, out var hashes) ? hashes.ToString().Split(' ').Select(Convert.FromHexString).ToArray() : null);
    }

    /// <summary>The headers of a message as the JetStream API returns it: base64 of <c>NATS/1.0\r\nKey: value\r\n…</c>.</summary>
    public static NatsHeaders? ParseHeaders(string? base64)
    {
        if (string.IsNullOrEmpty(base64)) return null;
        var headers = new NatsHeaders();
        foreach (var line in System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split("\r\n").Skip(1))
        {
            if (line.Split(':', 2) is [var key, var value]) headers[key.Trim()] = value.Trim();
        }

        return headers;
    }

    public static NatsHeaders HeadersFor(long endVersion, long position, int count, IEnumerable<byte[]> hashes) => new()
    {
        [VersionHeader] = endVersion.ToString(CultureInfo.InvariantCulture),
        [PositionHeader] = position.ToString(CultureInfo.InvariantCulture),
        [CountHeader] = count.ToString(CultureInfo.InvariantCulture),
        [HashesHeader] = string.Join(' ', hashes.Select(h => EventHash.ToHex(h))),
    };
}
