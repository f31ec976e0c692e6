using System.Globalization;

namespace LedgerExplorer.Core.Projections;

/// <summary>Invariant, fixed formats for read-model values, so rows and dumps are byte-stable.</summary>
public static class ReadModelFormat
{
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static decimal ParseMoney(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset instant) => EventStore.RecordedAtFormat.Format(instant);

    public static DateTimeOffset ParseInstant(string text) => EventStore.RecordedAtFormat.Parse(text);
}
