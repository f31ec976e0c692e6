using Bunit;
using LedgerExplorer.App.Features.Snapshots;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Snapshots;

public sealed class SnapshotListTests : LedgerBunitContext
{
    public SnapshotListTests() => RenderPopoverProvider();

    [Fact]
    public void Choosing_an_account_lists_its_snapshots_and_verify_drift_marks_the_one_that_disagrees()
    {
        var accounts = new[] { new AccountView("aaaa00000001", "Ada Lovelace", Plan.Basic, "EUR", 0, 60, AccountStatus.Open) };
        SnapshotCheck Check(long version, bool checksum, bool? matches) => new(version, 1, new string('a', 64), checksum, true, matches, "{}", "{}");
        var cut = Render<SnapshotList>(p => p
            .Add(x => x.Accounts, accounts)
            .Add(x => x.Inspect, _ => [Check(25, true, null), Check(50, false, null)])
            .Add(x => x.VerifyDrift, _ => Task.FromResult<IReadOnlyList<SnapshotCheck>>([Check(25, true, true), Check(50, false, false)])));

        cut.Find("div.mud-input-control").MouseDown();
        PopoverProvider.WaitForElement(".mud-popover-open .mud-list-item").Click();

        cut.WaitForAssertion(() => Assert.Equal(["valid", "corrupt: ignored"], cut.FindAll("[data-testid=checksum-status]").Select(c => c.TextContent)));
        Assert.Equal(["—", "—"], cut.FindAll("[data-testid=drift-status]").Select(c => c.TextContent));

        cut.Find("button[data-testid=verify-drift]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["yes", "NO: drifted"], cut.FindAll("[data-testid=drift-status]").Select(c => c.TextContent)));
    }
}
