using System.Globalization;

namespace LedgerExplorer.Core.EventStore;

/// <summary>recorded_at is stored as fixed-width UTC ISO-8601 text: readable in any SQLite shell, and ordered as text.</summary>
public static class RecordedAtFormat
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public const int Length = 28; // yyyy-MM-ddTHH:mm:ss.fffffffZ

    public static DateTimeOffset Parse(string text) => Parse(text.AsSpan());

    /// <summary>
    /// Parses exactly the fixed-width form <see cref="Format"/> writes. Replay reads one per event, so this
    /// is a hand-rolled digit reader (about ten times cheaper than <c>DateTime.ParseExact</c>); anything
    /// else falls back to the general parser.
    /// </summary>
    public static DateTimeOffset Parse(ReadOnlySpan<char> text)
    {
        if (text.Length == Length && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[27] == 'Z')
        {
            var ticks = new DateTime(Digits(text[..4]), Digits(text[5..7]), Digits(text[8..10]), Digits(text[11..13]), Digits(text[14..16]), Digits(text[17..19]), DateTimeKind.Utc).Ticks
                        + Digits(text[20..27]);
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        return new(DateTime.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
    }

    private static int Digits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            var d = c - '0';
            if ((uint)d > 9) throw new FormatException($"'{digits}' is not a number in a recorded-at instant.");
            value = (value * 10) + d;
        }

        return value;
    }
}
