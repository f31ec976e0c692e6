using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// The hash chain over the log: each event's hash is <c>SHA-256(previous hash ‖ canonical encoding of the stored
/// row)</c>, the first event's previous hash being <see cref="Genesis"/> (32 zero bytes). The encoding covers every
/// stored field, in a fixed order, each text field length-prefixed so no two rows encode alike:
/// <code>
/// u64 position ‖ str stream ‖ u64 version ‖ str type ‖ u32 schema ‖ str recorded_at ‖ str metadata ‖ str data
/// (u64/u32 big-endian; str = u32 byte length ‖ UTF-8 bytes; recorded_at in the stored fixed-width form)
/// </code>
/// It hashes the row as stored — the data as written, never as upcast or decrypted — so an upcaster (which reads
/// old rows through a newer shape) and a forget (which destroys a key, not a byte of the log) leave it unchanged.
/// </summary>
public static class EventHash
{
    public const int Size = SHA256.HashSizeInBytes;

    /// <summary>The previous hash of the first event.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[Size];

    /// <summary>The hash of <paramref name="e"/> chained after <paramref name="previous"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> previous, StoredEvent e)
    {
        Span<char> recordedAt = stackalloc char[RecordedAtFormat.Length];
        RecordedAtFormat.Format(recordedAt, e.RecordedAt);
        return Compute(previous, e.Position, e.StreamId, e.StreamVersion, e.EventType, e.SchemaVersion, recordedAt, e.Metadata, e.Data);
    }

    /// <summary>The same, from the fields as the writer holds them before the row exists.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> previous, long position, string streamId, long version, string eventType, int schemaVersion,
        ReadOnlySpan<char> recordedAt, string metadata, string data)
    {
        if (previous.Length != Size) throw new ArgumentException($"A previous hash is {Size} bytes.", nameof(previous));
        var utf8 = Encoding.UTF8;
        // One pass over each text: room for its longest UTF-8 form, then the bytes written and their length put before them.
        var room = Size + 8 + 8 + 4 + (5 * 4)
                   + utf8.GetMaxByteCount(streamId.Length) + utf8.GetMaxByteCount(eventType.Length) + utf8.GetMaxByteCount(recordedAt.Length)
                   + utf8.GetMaxByteCount(metadata.Length) + utf8.GetMaxByteCount(data.Length);
        var rented = ArrayPool<byte>.Shared.Rent(room);
        try
        {
            var buffer = rented.AsSpan();
            previous.CopyTo(buffer);
            var at = Size;
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], position);
            at += 8;
            at += WriteString(buffer[at..], streamId);
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], version);
            at += 8;
            at += WriteString(buffer[at..], eventType);
            BinaryPrimitives.WriteInt32BigEndian(buffer[at..], schemaVersion);
            at += 4;
            at += WriteString(buffer[at..], recordedAt);
            at += WriteString(buffer[at..], metadata);
            at += WriteString(buffer[at..], data);
            return SHA256.HashData(buffer[..at]);
        }
        // Stryker disable once Block : a buffer not given back to the pool is collected as garbage; the hash is the same
        finally
        {
            // Stryker disable once Statement : a buffer not given back to the pool is collected as garbage; the hash is the same
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Lower-case hex, the form people copy.</summary>
    public static string ToHex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    /// <summary>Parses 64 hex digits; null when <paramref name="hex"/> is not a hash.</summary>
    public static byte[]? FromHex(string? hex)
    {
        if (hex is null || hex.Length != Size * 2) return null;
        try
        {
            return Convert.FromHexString(hex);
        }
        // Stryker disable once Block : equivalent — an emptied catch falls through to return default, the null it returned
        catch (FormatException)
        {
            return null;
        }
    }

    private static int WriteString(Span<byte> destination, ReadOnlySpan<char> value)
    {
        var written = Encoding.UTF8.GetBytes(value, destination[4..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, written);
        return 4 + written;
    }
}
