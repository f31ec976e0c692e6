namespace LedgerExplorer.App.Features.Charts;

public enum ChartKind
{
    Lines,
    Bars,
}
