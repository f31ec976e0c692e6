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

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(19)]
    [InlineData(27)]
    public void Text_with_any_separator_out_of_place_is_refused_not_read_as_an_instant(int at)
    {
        var text = RecordedAtFormat.Format(new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.Zero)).ToCharArray();
        text[at] = '5';

        Assert.Throws<FormatException>(() => RecordedAtFormat.Parse(new string(text)));
    }

    [Theory]
    [InlineData("2026-03-01T09:30:15.000000Z")]
    [InlineData("2026-0x-01T09:30:15.0000000Z")]
    [InlineData("2026-03-01T09:30:15.00000/0Z")]
    public void Text_of_another_length_or_with_a_digit_that_is_not_one_is_refused(string text) =>
        Assert.Throws<FormatException>(() => RecordedAtFormat.Parse(text));

    [Fact]
    public void A_refusal_names_the_digits_it_could_not_read()
    {
        var refused = Assert.Throws<FormatException>(() => RecordedAtFormat.Parse("2026-0x-01T09:30:15.0000000Z"));

        Assert.Equal("'0x' is not a number in a recorded-at instant.", refused.Message);
    }
}
