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

    [Fact]
    [Trait("Proof", "Access")]
    public void An_owner_name_with_markup_is_a_legend_of_plain_text()
    {
        var cut = Render<LedgerChart>(p => p.Add(x => x.Series, [new ChartSeries("<a href=\"javascript:alert(1)\">Mallory</a> & <b>co</b>", [1], [1m])]));

        Assert.Equal("&lt;a href=\"javascript:alert(1)\"&gt;Mallory&lt;/a&gt; &amp; &lt;b&gt;co&lt;/b&gt;", Assert.IsType<Scatter>(Assert.Single(cut.Instance.Traces)).Name);
    }

    [Fact]
    public void Moving_only_the_marker_keeps_the_traces_and_moves_the_line()
    {
        var t1 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        IReadOnlyList<ChartSeries> series = [new ChartSeries("Ada", [t1, t1.AddDays(2)], [0m, 100m])];
        var cut = Render<LedgerChart>(p => p.Add(x => x.Series, series).Add(x => x.MarkerX, t1));
        var trace = Assert.Single(cut.Instance.Traces);

        cut.Render(p => p.Add(x => x.Series, series).Add(x => x.MarkerX, t1.AddDays(1)));

        Assert.Same(trace, Assert.Single(cut.Instance.Traces)); // not rebuilt: a step sends the marker only
        Assert.Equal(t1.AddDays(1), Assert.Single(cut.Instance.Shapes).X0);
    }
}
