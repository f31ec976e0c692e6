using Bunit;
using LedgerExplorer.App.Features.TimeTravel;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.TimeTravel;

public sealed class TimeTravelControlsTests : LedgerBunitContext
{
    private readonly List<long> _moves = [];

    public TimeTravelControlsTests() => RenderPopoverProvider();

    [Theory]
    [InlineData("step-forward", 11)]
    [InlineData("step-back", 9)]
    [InlineData("first", 1)]
    [InlineData("last", 40)]
    public void The_buttons_move_the_position(string button, long expected)
    {
        var cut = RenderControls(value: 10);

        cut.Find($"button[data-testid={button}]").Click();

        Assert.Equal([expected], _moves);
    }

    [Fact]
    public void At_the_ends_the_buttons_that_would_leave_the_log_are_disabled()
    {
        var atStart = RenderControls(value: 1);
        Assert.True(atStart.Find("button[data-testid=step-back]").HasAttribute("disabled"));
        Assert.False(atStart.Find("button[data-testid=step-forward]").HasAttribute("disabled"));

        var atEnd = RenderControls(value: 40);
        Assert.True(atEnd.Find("button[data-testid=play]").HasAttribute("disabled"));
        Assert.True(atEnd.Find("button[data-testid=step-forward]").HasAttribute("disabled"));
    }

    [Fact]
    public void Moving_the_slider_reports_the_new_position_and_shows_the_label()
    {
        var cut = RenderControls(value: 10, label: "2026-03-02 09:00:00 UTC");

        cut.Find("input[type=range]").Input("25");

        Assert.Equal(25, Assert.Single(_moves));
        Assert.Contains("2026-03-02 09:00:00 UTC", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Play_walks_forward_event_by_event_and_stops_at_the_end()
    {
        var cut = Render<PlayHost>();

        cut.Find("button[data-testid=play]").Click();

        cut.WaitForAssertion(() => Assert.Equal("4", cut.Find("[data-testid=host-position]").TextContent));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("button[data-testid=play][disabled]")));
    }

    private IRenderedComponent<TimeTravelControls> RenderControls(long value, string? label = null) =>
        Render<TimeTravelControls>(p => p
            .Add(x => x.Min, 1L).Add(x => x.Max, 40L).Add(x => x.Value, value).Add(x => x.Label, label)
            .Add(x => x.ValueChanged, (long v) => _moves.Add(v)));
}
