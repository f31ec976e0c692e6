using Bunit;
using LedgerExplorer.App.Features.Charts;
using LedgerExplorer.Tests.Support;
using Plotly.Blazor.Traces;

namespace LedgerExplorer.Tests.Features.TimeTravel;

public sealed class LedgerChartTests : LedgerBunitContext
{
    public LedgerChartTests() => RenderPopoverProvider();

    [Fact]
    public void Each_series_becomes_one_trace_and_the_marker_one_vertical_line()
    {
        var t1 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var series = new[]
        {
            new ChartSeries("Ada", [t1, t1.AddDays(1)], [0m, 100m]),
            new ChartSeries("Grace", [t1.AddDays(2)], [-300m]),
        };

        var cut = Render<LedgerChart>(p => p.Add(x => x.Series, series).Add(x => x.MarkerX, t1.AddDays(1)));

        var traces = cut.Instance.Traces.Cast<Scatter>().ToList();
        Assert.Equal(["Ada", "Grace"], traces.Select(t => t.Name));
        Assert.Equal([0m, 100m], traces[0].Y.Cast<decimal>());
        var marker = Assert.Single(cut.Instance.Shapes);
        Assert.Equal(t1.AddDays(1), marker.X0);
        Assert.Equal("paper", marker.YRef);
    }

    [Fact]
    public void Without_a_marker_there_is_no_line_and_bars_are_bars()
    {
        var cut = Render<LedgerChart>(p => p
            .Add(x => x.Series, [new ChartSeries("full replay", ["10k"], [12.5])])
            .Add(x => x.Kind, ChartKind.Bars));

        Assert.Empty(cut.Instance.Shapes);
        Assert.IsType<Bar>(Assert.Single(cut.Instance.Traces));
    }
}
