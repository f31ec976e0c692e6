using Bunit;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Integrity;
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
        var chain = (IEventChain)_ledger.Store;
        Services.AddSingleton(new EventLogBrowser(_ledger.Store, chain));
        var integrity = new LedgerIntegrity(_ledger.Store, chain, TimeProvider.System);
        Services.AddSingleton(integrity);
        Services.AddSingleton(new IntegrityWatch(integrity.Verifier, chain, TimeProvider.System));
        Services.AddSingleton<Core.Privacy.IPersonalDataVault>(_ledger.Keys);
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
        var browser = new EventLogBrowser(_ledger.Store, (IEventChain)_ledger.Store);

        var second = await browser.NewestFirstAsync(page: 1, size: 25, stream: null);

        Assert.Equal(Enumerable.Range(1, 18).Reverse().Select(p => (long)p), second.Rows.Select(r => r.Position));
        Assert.Equal(43, second.Total);
    }

    [Fact]
    [Trait("Proof", "Integrity")]
    public async Task Each_row_shows_its_stored_hash_the_banner_says_how_far_the_chain_is_verified_and_a_row_shows_its_proof()
    {
        var stored = await ((IEventChain)_ledger.Store).ReadChainAsync(1, 10);
        var cut = Render<EventLogPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Chain verified to position 3", cut.Find("[data-testid=integrity-state]").TextContent, StringComparison.Ordinal);
            Assert.Equal(stored.Reverse().Select(l => EventHash.ToHex(l.Hash)[..12] + "…"), cut.FindAll("[data-testid=hash]").Select(c => c.TextContent.Trim()));
        });

        cut.FindAll("tbody tr")[1].Click(); // position 2
        cut.WaitForAssertion(() =>
        {
            var proof = cut.Find("[data-testid=inclusion-proof]").TextContent;
            Assert.Contains("Holds: event 2 is in the log of 3 events", proof, StringComparison.Ordinal);
            Assert.Contains(EventHash.ToHex(stored[1].Hash), proof, StringComparison.Ordinal);
        });
    }

    [Fact]
    [Trait("Proof", "Integrity")]
    public async Task A_row_added_beside_the_writer_is_named_on_the_page()
    {
        var cut = Render<EventLogPage>();
        cut.WaitForAssertion(() => Assert.Contains("verified to position 3", cut.Find("[data-testid=integrity-state]").TextContent, StringComparison.Ordinal));
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_ledger.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var forge = connection.CreateCommand();
            forge.CommandText = "INSERT INTO events (global_position, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at) " +
                                "SELECT 4, stream_id, 3, event_type, schema_version, '{\"amount\":1000000}', metadata, recorded_at FROM events WHERE global_position = 3";
            await forge.ExecuteNonQueryAsync();
        }

        await Services.GetRequiredService<IntegrityWatch>().TickAsync(); // what the background monitor does every two seconds

        cut.WaitForAssertion(() =>
        {
            var state = cut.Find("[data-testid=integrity-state]").TextContent;
            Assert.Contains("Chain broken at position 4", state, StringComparison.Ordinal);
            Assert.Contains("no stored hash", state, StringComparison.Ordinal);
        });
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _ledger.DisposeAsync();
    }
}
