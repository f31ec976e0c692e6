using Bunit;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.EventLog;

public sealed class EventLogPageTests : LedgerBunitContext, IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly LedgerNotifications _notifications = new();

    public EventLogPageTests()
    {
        Services.AddSingleton(_notifications);
        Services.AddSingleton(new EventLogBrowser(_ledger.Store));
        RenderPopoverProvider();
    }

    public async ValueTask InitializeAsync()
    {
        await _ledger.Store.AppendAsync("account-aaa", ExpectedVersion.NoStream, [TestEvents.Event("AccountOpened", """{"ownerName":"Ada"}""", actor: "alice")]);
        await _ledger.Store.AppendAsync("account-bbb", ExpectedVersion.NoStream, [TestEvents.Event("AccountOpened", """{"ownerName":"Grace"}""", actor: "bob")]);
        await _ledger.Store.AppendAsync("account-aaa", ExpectedVersion.Exactly(1), [TestEvents.Event("MoneyDeposited", """{"amount":12.50}""", actor: "carol")]);
    }

    [Fact]
    public void The_log_shows_every_row_newest_first_with_its_data_exactly_as_stored()
    {
        var cut = Render<EventLogPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["3", "2", "1"], cut.FindAll("[data-testid=position]").Select(c => c.TextContent));
            Assert.Equal(["""{"amount":12.50}""", """{"ownerName":"Grace"}""", """{"ownerName":"Ada"}"""], cut.FindAll("[data-testid=data]").Select(c => c.TextContent));
            Assert.Contains("carol", cut.FindAll("tbody tr")[0].TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_stream_filter_shows_one_stream_only()
    {
        var cut = Render<EventLogPage>();

        cut.Find("input[data-testid=stream-filter]").Input("account-aaa");

        cut.WaitForAssertion(() => Assert.Equal(["3", "1"], cut.FindAll("[data-testid=position]").Select(c => c.TextContent)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_new_event_appears_without_a_reload()
    {
        var cut = Render<EventLogPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=position]").Count));

        var appended = await _ledger.Store.AppendAsync("account-bbb", ExpectedVersion.Exactly(1), [TestEvents.Event("MoneyDeposited", """{"amount":99}""")]);
        _notifications.Appended(appended.LastPosition);

        cut.WaitForAssertion(() => Assert.Equal("4", cut.FindAll("[data-testid=position]")[0].TextContent));
    }

    [Fact]
    public async Task Paging_reaches_the_oldest_rows()
    {
        await _ledger.Store.AppendAsync("account-ccc", ExpectedVersion.NoStream, TestEvents.Events(40));
        var browser = new EventLogBrowser(_ledger.Store);

        var second = await browser.NewestFirstAsync(page: 1, size: 25, stream: null);

        Assert.Equal(Enumerable.Range(1, 18).Reverse().Select(p => (long)p), second.Rows.Select(r => r.Position));
        Assert.Equal(43, second.Total);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _ledger.DisposeAsync();
    }
}
