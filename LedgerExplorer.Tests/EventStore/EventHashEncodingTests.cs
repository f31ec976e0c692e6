using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.EventStore;

/// <summary>
/// The chain's hash is the encoding its documentation states — so an auditor can recompute it with nothing but
/// SHA-256 — written here a second time, plainly, and compared over texts of every UTF-8 width and length.
/// </summary>
public sealed class EventHashEncodingTests
{
    [Theory]
    [InlineData('a')]          // 1 byte in UTF-8
    [InlineData('é')]          // 2
    [InlineData('€')]          // 3: the widest a char is, so the writer's room for the longest form is all used
    public void The_hash_is_sha256_of_the_previous_hash_and_the_documented_encoding_whatever_the_texts_length(char c)
    {
        var previous = SHA256.HashData("the event before"u8);
        var one = c.ToString();
        // Every length of the type and the data up to past two sizes the buffer pool rounds to: an encoding that miscounted its room
        // for the longest UTF-8 form would overrun at some length in between (with 3-byte characters, only 15 bytes spare).
        for (var length = 0; length <= 1_500; length++)
        {
            var data = new string(c, length);
            var expected = SHA256.HashData(Documented(previous, 7, one, 3, data, 2, one, one, data));

            var actual = EventHash.Compute(previous, 7, one, 3, data, 2, one, one, data);

            Assert.True(expected.AsSpan().SequenceEqual(actual), $"data of {length} × '{c}'");
        }
    }

    [Fact]
    public void A_four_byte_character_is_hashed_as_its_utf8_bytes()
    {
        const string emoji = "💶💶💶"; // surrogate pairs: 4 UTF-8 bytes per 2 chars
        var expected = SHA256.HashData(Documented(EventHash.Genesis.ToArray(), 1, "s", 1, "T", 1, "r", emoji, emoji));

        Assert.Equal(expected, EventHash.Compute(EventHash.Genesis, 1, "s", 1, "T", 1, "r", emoji, emoji));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void A_previous_hash_of_the_wrong_size_is_refused(int size)
    {
        var refused = Assert.Throws<ArgumentException>(() => EventHash.Compute(new byte[size], 1, "s", 1, "T", 1, "r", "{}", "{}"));

        Assert.Equal("previous", refused.ParamName);
        Assert.StartsWith("A previous hash is 32 bytes.", refused.Message);
    }

    [Fact]
    public void Hex_round_trips_a_hash_and_anything_else_is_not_one()
    {
        var hash = SHA256.HashData("x"u8);
        var hex = EventHash.ToHex(hash);

        Assert.Equal(hash, EventHash.FromHex(hex));
        Assert.Equal(hash, EventHash.FromHex(hex.ToUpperInvariant()));
        Assert.Null(EventHash.FromHex(null));
        Assert.Null(EventHash.FromHex(hex[..^2]));
        Assert.Null(EventHash.FromHex(new string('g', 64))); // the right length, not hex
    }

    /// <summary>
    /// previous ‖ u64 position ‖ str stream ‖ u64 version ‖ str type ‖ u32 schema ‖ str recorded_at ‖ str metadata ‖ str data;
    /// big-endian; str = u32 byte length ‖ UTF-8 bytes.
    /// </summary>
    private static byte[] Documented(byte[] previous, long position, string stream, long version, string type, int schema, string recordedAt, string metadata, string data)
    {
        using var bytes = new MemoryStream();
        bytes.Write(previous);
        bytes.Write(BigEndian64(position));
        Text(stream);
        bytes.Write(BigEndian64(version));
        Text(type);
        bytes.Write(BigEndian32(schema));
        Text(recordedAt);
        Text(metadata);
        Text(data);
        return bytes.ToArray();

        void Text(string value)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            bytes.Write(BigEndian32(utf8.Length));
            bytes.Write(utf8);
        }
    }

    private static byte[] BigEndian64(long value)
    {
        var buffer = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        return buffer;
    }

    private static byte[] BigEndian32(int value)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        return buffer;
    }
}
