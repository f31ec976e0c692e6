using System.Globalization;

namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>recorded_at is stored as fixed-width UTC ISO-8601 text: readable in any SQLite shell, and ordered as text.</summary>
public static class RecordedAtFormat
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        new(DateTime.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
