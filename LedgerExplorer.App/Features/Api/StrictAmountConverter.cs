using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LedgerExplorer.App.Features.Api;

/// <summary>
/// Reads an amount of money exactly as written: a JSON number (not text, which the web defaults would accept),
/// in plain notation, with at most two decimal places. System.Text.Json's own decimal reading rounds silently
/// past 28 digits, so <c>10.0000000000000000000000000001</c> would become 10.00 and be accepted.
/// </summary>
public sealed class StrictAmountConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number)
            throw new RequestFieldException("amount", "amount_not_a_number", "The amount must be a JSON number (e.g. 12.50), not text or anything else.");

        var text = Encoding.ASCII.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
        if (text.AsSpan().IndexOfAny('e', 'E') >= 0)
            throw new RequestFieldException("amount", "amount_malformed", $"The amount {text} must be written in plain notation (e.g. 12.50), not with an exponent.");

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var places = point < 0 ? 0 : text[(point + 1)..].TrimEnd('0').Length;
        if (places > 2)
            throw new RequestFieldException("amount", "amount_too_precise", $"The amount {text} has {places} decimal places; money has at most 2.");

        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new RequestFieldException("amount", "amount_malformed", $"The amount {text} is not a number this ledger can hold.");
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } amount) writer.WriteNumberValue(amount);
        else writer.WriteNullValue();
    }
}
