using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.EventStore;

public sealed class RecordedAtFormatTests
{
    [Fact]
    public void The_hand_written_format_equals_the_general_formatter_and_parses_back_for_any_instant()
    {
        var random = new Random(7);
        var instants = new List<DateTimeOffset> { DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(5)) };
        for (var i = 0; i < 10_000; i++) instants.Add(new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero));

        foreach (var instant in instants)
        {
            var text = RecordedAtFormat.Format(instant);
            Assert.Equal(RecordedAtFormat.FormatByPattern(instant), text);
            Assert.Equal(instant.UtcTicks, RecordedAtFormat.Parse(text).UtcTicks);
            var chars = new char[RecordedAtFormat.Length];
            RecordedAtFormat.Format(chars, instant);
            Assert.Equal(text, new string(chars));
        }
    }
}
