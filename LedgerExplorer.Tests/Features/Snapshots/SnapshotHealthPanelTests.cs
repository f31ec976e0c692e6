using Bunit;
using LedgerExplorer.App.Features.Snapshots;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Snapshots;

public sealed class SnapshotHealthPanelTests : LedgerBunitContext
{
    [Fact]
    public void It_shows_how_many_snapshots_match_their_events_are_still_to_check_and_were_quarantined()
    {
        var cut = Render<SnapshotHealthPanel>(p => p.Add(x => x.Health, new SnapshotHealth(Total: 10, Verified: 7, Unverified: 2, Quarantined: 1)));

        var text = cut.Find("[data-testid=snapshot-health]").TextContent;
        Assert.Contains("7 of 10 snapshots match their events", text, StringComparison.Ordinal);
        Assert.Contains("2 still to check", text, StringComparison.Ordinal);
        Assert.Contains("1 quarantined", text, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-warning", cut.Markup, StringComparison.Ordinal); // drift found: not a green light
    }
}
