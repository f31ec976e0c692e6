using Bunit;
using LedgerExplorer.App.Features.Ledger;
using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.App.Features.Shell;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LedgerExplorer.Tests.Support;

/// <summary>The one bUnit context every component test uses: loose JS interop, MudBlazor services, an interactive renderer.</summary>
public abstract class LedgerBunitContext : BunitContext
{
    protected LedgerBunitContext()
    {
        // bUnit's WaitFor… give up after 1 s by default; a loaded two-core CI machine has stalled a render longer than
        // that (the browser tests saw 5 s). Waiting longer costs nothing when the markup comes, and still fails when it never does.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<ActorSession>();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()); // Ledger:Auth unset: Demo mode
        SignInAs(App.Features.Identity.LedgerRoles.Admin, App.Features.Identity.LedgerRoles.Admin); // may do everything; a test narrows it
    }

    /// <summary>
    /// A real ledger on files in <paramref name="dataDir"/>, composed as the App composes it
    /// (<see cref="LedgerServiceCollectionExtensions.AddLedgerFeatures"/>) with the App's projector handle; no
    /// projector runs (Projector:Mode=External), so a read model moves only when the test says.
    /// </summary>
    protected void AddLedger(string dataDir)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:DataDir"] = dataDir,
            ["Ledger:SeedDemo"] = "false",
            ["Projector:Mode"] = "External",
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddLedgerFeatures(configuration);
        Services.AddSingleton<ProjectorHost>();

        Services.GetRequiredService<SqliteLedgerDatabase>().Migrate();
        Services.GetRequiredService<ReadModelDatabase>().Migrate();
    }

    /// <summary>The circuit's signed-in user, as the cookie would give it (bUnit's authorization context).</summary>
    protected void SignInAs(string name, params string[] roles)
    {
        _authorization ??= AddAuthorization(); // registered once: bUnit takes no registrations after the first render
        _authorization.SetAuthorized(name);
        _authorization.SetRoles(roles);
    }

    private Bunit.TestDoubles.BunitAuthorizationContext? _authorization;

    /// <summary>Call after registering services and before rendering anything with a popover (selects, dialogs).</summary>
    protected void RenderPopoverProvider()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        PopoverProvider = Render<MudPopoverProvider>();
        DialogProvider = Render<MudDialogProvider>();
    }

    /// <summary>Where popovers (a select's list) render.</summary>
    protected IRenderedComponent<MudPopoverProvider> PopoverProvider { get; private set; } = default!;

    /// <summary>Where dialogs render: look for a dialog's content here, not in the page that opened it.</summary>
    protected IRenderedComponent<MudDialogProvider> DialogProvider { get; private set; } = default!;
}
