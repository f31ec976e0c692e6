using Bunit;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.EventLog;

public sealed class SchemaViewTests : LedgerBunitContext
{
    public SchemaViewTests()
    {
        Services.AddSingleton<Core.Privacy.IPersonalDataVault>(NoKeys.Instance); // these events carry no personal data
        RenderPopoverProvider();
    }

    private static EventLogRow Row(int schemaVersion, string data) =>
        new(12, "account-abc", 2, "MoneyDeposited", schemaVersion, DateTimeOffset.UnixEpoch, data, "{}");

    [Fact]
    public void An_old_event_shows_its_stored_bytes_beside_the_upcast_record_with_both_versions_named()
    {
        const string stored = """{"amountInCents":260000,"memo":"opening deposit"}""";

        var cut = Render<SchemaView>(p => p.Add(x => x.Event, Row(1, stored)));

        Assert.Equal(stored, cut.Find("[data-testid=stored-json]").TextContent);
        Assert.Equal("v1", cut.Find("[data-testid=stored-version]").TextContent);
        Assert.Equal("v2", cut.Find("[data-testid=current-version]").TextContent);
        Assert.Equal("""{"amount":2600,"reference":"opening deposit"}""", cut.Find("[data-testid=upcast-json]").TextContent);
        Assert.Contains("Amount = 2600", cut.Find("[data-testid=record]").TextContent, StringComparison.Ordinal);
        Assert.Contains("v1 → v2", cut.Find("[data-testid=schema-explanation]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_current_event_needs_no_upcaster()
    {
        var cut = Render<SchemaView>(p => p.Add(x => x.Event, Row(2, """{"amount":12.5}""")));

        Assert.Equal("""{"amount":12.5}""", cut.Find("[data-testid=upcast-json]").TextContent);
        Assert.Contains("no upcaster runs", cut.Find("[data-testid=schema-explanation]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_from_newer_code_is_a_readable_error_naming_its_position()
    {
        var cut = Render<SchemaView>(p => p.Add(x => x.Event, Row(7, """{"amount":1}""")));

        var error = cut.Find("[data-testid=schema-error]").TextContent;
        Assert.Contains("position 12", error, StringComparison.Ordinal);
        Assert.Contains("newer than this code knows", error, StringComparison.Ordinal);
    }
}
