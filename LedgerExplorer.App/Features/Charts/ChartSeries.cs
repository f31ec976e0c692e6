namespace LedgerExplorer.App.Features.Charts;

/// <summary>One line (or set of bars) on a chart: a name and its points.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<object> X, IReadOnlyList<object> Y);
