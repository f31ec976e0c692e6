using Bunit;
using LedgerExplorer.App.Features.Projections;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Projections;

public sealed class ProjectionCardTests : LedgerBunitContext
{
    private static readonly ProjectionStatus CaughtUp = new("balances", 120, 120, 0, null);

    public ProjectionCardTests() => RenderPopoverProvider();

    [Fact]
    public void The_card_shows_checkpoint_head_and_lag()
    {
        var cut = RenderCard(new ProjectionStatus("balances", 100, 130, 250, null));

        Assert.Equal("100", cut.Find("[data-testid=checkpoint]").TextContent);
        Assert.Equal("130", cut.Find("[data-testid=head]").TextContent);
        Assert.Contains("30 events", cut.Find("[data-testid=lag]").TextContent, StringComparison.Ordinal);
        Assert.Equal("catching up", cut.Find("[data-testid=state]").TextContent.Trim());
    }

    [Fact]
    public void A_rebuild_shows_both_hashes_side_by_side_and_marks_them_identical()
    {
        const string hash = "f7431d3e486fcfc326e4754cdd583d3575d26707172dcdbbd9af8bf2a8cefc1e";
        var cut = RenderCard(CaughtUp, rebuild: _ => Task.FromResult(new RebuildResult("balances", hash, hash, 12_000, 120, 80)));

        cut.Find("button[data-testid=rebuild]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(hash, cut.Find("[data-testid=hash-before]").TextContent);
            Assert.Equal(hash, cut.Find("[data-testid=hash-after]").TextContent);
            Assert.Contains("identical", cut.Find("[data-testid=hash-verdict]").TextContent, StringComparison.Ordinal);
            Assert.Contains("12,000 events", cut.Find("[data-testid=rebuild-result]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Different_hashes_are_marked_different()
    {
        var cut = RenderCard(CaughtUp, rebuild: _ => Task.FromResult(new RebuildResult("balances", "aaaa", "bbbb", 3, 1, 1)));

        cut.Find("button[data-testid=rebuild]").Click();

        cut.WaitForAssertion(() => Assert.Equal("different", cut.Find("[data-testid=hash-verdict]").TextContent.Trim()));
    }

    [Fact]
    public void Deliver_again_sends_the_chosen_position_and_explains_the_skip()
    {
        long? sent = null;
        var cut = RenderCard(CaughtUp, redeliver: position =>
        {
            sent = position;
            return Task.FromResult(new RedeliveryResult("balances", position, 120, false, "same", "same"));
        });

        cut.Find("input[data-testid=redeliver-position]").Change("7");
        cut.Find("button[data-testid=redeliver]").Click();

        cut.WaitForAssertion(() => Assert.Contains("at or below the checkpoint 120", cut.Find("[data-testid=redelivery-result]").TextContent, StringComparison.Ordinal));
        Assert.Equal(7, sent);
    }

    [Fact]
    public void A_stopped_projection_shows_where_and_why()
    {
        var cut = RenderCard(new ProjectionStatus("balances", 15, 30, 0, new ProjectionError(17, "bad event", DateTimeOffset.UnixEpoch)));

        Assert.Contains("poison event, position 17: bad event", cut.Find("[data-testid=projection-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains("then Rebuild", cut.Find("[data-testid=projection-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("stopped", cut.Find("[data-testid=state]").TextContent.Trim());
    }

    [Fact]
    public void A_projection_retrying_after_transient_failures_says_so_and_that_nothing_is_lost()
    {
        var cut = RenderCard(new ProjectionStatus("balances", 15, 30, 0, null) { Retry = new ProjectionRetry(3, "SqliteException: database is locked", DateTimeOffset.UnixEpoch) });

        Assert.Equal("retrying", cut.Find("[data-testid=state]").TextContent.Trim());
        var retry = cut.Find("[data-testid=projection-retry]").TextContent;
        Assert.Contains("3 transient failures", retry, StringComparison.Ordinal);
        Assert.Contains("database is locked", retry, StringComparison.Ordinal);
        Assert.Contains("resumes from checkpoint 15", retry, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=projection-error]"));
    }

    private IRenderedComponent<ProjectionCard> RenderCard(ProjectionStatus status,
        Func<IProgress<long>, Task<RebuildResult>>? rebuild = null, Func<long, Task<RedeliveryResult>>? redeliver = null) =>
        Render<ProjectionCard>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.Rebuild, rebuild ?? (_ => throw new InvalidOperationException("no rebuild expected")))
            .Add(x => x.Redeliver, redeliver ?? (_ => throw new InvalidOperationException("no redelivery expected"))));
}
