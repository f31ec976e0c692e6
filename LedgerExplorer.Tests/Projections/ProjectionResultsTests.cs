using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>The small answers the Projections screen and API give about runners: which one a name means, and a rebuild's speed.</summary>
public sealed class ProjectionResultsTests
{
    [Fact]
    public async Task The_catalog_finds_a_projection_by_its_name_in_any_case_and_an_unknown_name_finds_none()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var balances = readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);
        var history = readModels.Runner(new HistoryProjection(), ledger.Store, ledger.Keys);
        var catalog = new ProjectionCatalog([balances, history]);

        Assert.Same(history, catalog.Find(history.Name.ToUpperInvariant()));
        Assert.Same(balances, catalog.Find("balances"));
        Assert.Null(catalog.Find("ledger"));
    }

    [Theory]
    [InlineData(5_000, 2_500.0, 2_000.0)] // 5,000 events in 2.5 s
    [InlineData(300, 150.0, 2_000.0)]
    [InlineData(0, 40.0, 0.0)] // an empty log
    [InlineData(10, 0.0, 0.0)] // too fast to time: no rate rather than infinity
    public void A_rebuild_reports_its_events_per_second(long events, double elapsedMs, double perSecond) =>
        Assert.Equal(perSecond, new RebuildResult("balances", "a", "a", events, 1, elapsedMs).EventsPerSecond);
}
