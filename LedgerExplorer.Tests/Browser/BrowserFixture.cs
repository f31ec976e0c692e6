using LedgerExplorer.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

/// <summary>
/// The App on a real Kestrel port (seeded with the demo ledger) and Debian's Chromium driven by Playwright.
/// A missing Chromium is a failure with a clear message, never a skip: ./test.sh installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The App as a person runs it: the demo ledger, and the projector as its own child process.</summary>
    public LedgerAppFactory App { get; } = new() { SeedDemo = true, ProjectorMode = "Child" };

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: run ./test.sh (it installs it) or apt-get install -y chromium.");

        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        // Playwright's expectations wait 5 s by default. On a loaded two-core CI machine one SignalR round trip after a click
        // has taken longer than that (a burst's progress bar, rendered by the click's own handler, appeared after 5 s while
        // the projector took 3.9 s to commit a one-event batch): an expectation here waits 20 s unless it says otherwise.
        // It only waits longer for what does come; a page that never shows the element still fails.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh page (a browser context of its own: its own cookie) at <paramref name="path"/>, signed in as the demo
    /// user <paramref name="user"/> (admin, who may do everything, unless a test says), returned once the circuit is interactive.
    /// </summary>
    public async Task<IPage> OpenAsync(string path, int width = 1400, int height = 900, string user = LedgerAppFactory.DefaultUser)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync($"{BaseUrl}/auth/demo?user={user}&returnUrl={Uri.EscapeDataString(path)}");
        await page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
