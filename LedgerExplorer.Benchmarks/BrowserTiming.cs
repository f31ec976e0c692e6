using System.Diagnostics;
using System.Globalization;
using LedgerExplorer.Core.Hosting;
using Microsoft.Playwright;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// The App (Release, its projector as a child) on the scale ledger, driven by Debian's Chromium through Playwright:
/// how long the Time Travel page takes until its chart and balances show, how long a step takes until the new
/// position's balances show, the Accounts page, and the App's resident memory with every page open in its own tab.
/// </summary>
internal static class BrowserTiming
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] Pages = ["/", "/accounts", "/events", "/time-travel", "/projections", "/projector", "/snapshots", "/privacy", "/audit"];

    public static async Task<int> RunAsync(string dataDir)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"The browser timing needs Debian's Chromium at {Chromium} (apt-get install -y chromium).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });

        // The same page on the demo ledger (a few hundred events) first: what the page costs when the log costs nothing.
        var demoDir = Path.Combine(Path.GetTempPath(), "ledger-scale", "demo-" + Guid.NewGuid().ToString("N"));
        Timings demo;
        try
        {
            demo = await MeasureAsync(browser, demoDir, "--Ledger:SeedDemo", "true");
        }
        finally
        {
            if (Directory.Exists(demoDir)) Directory.Delete(demoDir, recursive: true);
        }

        var scale = await MeasureAsync(browser, dataDir);

        Console.WriteLine();
        Console.WriteLine("In Chromium (headless, Debian's), the App (Release, its projector a child process) on each ledger; one browser, a fresh tab per");
        Console.WriteLine("page load; median of 5 (steps: of 10), the slowest in brackets. RSS: the App process's resident memory (VmRSS).");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| in the browser | demo ledger ({demo.Events:N0} events) | {scale.Events:N0} events |"));
        Console.WriteLine("|---|---:|---:|");
        Row("Time Travel page: from navigation until the balances table shows", demo.Table, scale.Table);
        Row("Time Travel page: from navigation until the chart is drawn", demo.Chart, scale.Chart);
        Row("one *Step back*: from the click until the new position shows (its balances and the chart marker with it)", demo.Steps, scale.Steps);
        Row("*Go to a time*: from the click until the new position shows", demo.Jumps, scale.Jumps);
        Row("Accounts page: from navigation until the table shows", demo.Accounts, scale.Accounts);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| App resident memory with every page open ({Pages.Length} tabs) | {demo.RssKb / 1024.0:N0} MB | {scale.RssKb / 1024.0:N0} MB |"));
        return 0;
    }

    private sealed record Timings(long Events, List<double> Table, List<double> Chart, List<double> Steps, List<double> Jumps, List<double> Accounts, long RssKb);

    private static async Task<Timings> MeasureAsync(IBrowser browser, string dataDir, params string[] settings)
    {
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var app = ReleaseApp.Start(dataDir, port, settings);
        await app.WaitForHttpAsync($"{baseUrl}/api/health", TimeSpan.FromSeconds(120), "The App");
        using var http = await ReleaseApp.SignInAsync(baseUrl);
        var head = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{baseUrl}/api/projections")).RootElement[0].GetProperty("head").GetInt64();

        var (tables, charts, steps, jumps, accounts) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        IPage? page = null;
        for (var i = 0; i < 6; i++)
        {
            if (page is not null) await page.CloseAsync();
            page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            var started = Stopwatch.GetTimestamp();
            await page.GotoAsync($"{baseUrl}/time-travel");
            await page.Locator("[data-testid=as-of-balance]").First.WaitForAsync(new() { Timeout = 60_000 });
            var table = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await page.Locator("[data-testid=balances-chart] .main-svg").First.WaitForAsync(new() { Timeout = 60_000 });
            if (i == 0) continue; // the first load also warms the App (JIT) and the browser's cache
            tables.Add(table);
            charts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await page!.WaitForSelectorAsync("[data-interactive=true]", new() { Timeout = 60_000 });
        for (var i = 0; i < 10; i++)
        {
            var before = await page.Locator("[data-testid=slider-position]").TextContentAsync();
            var expected = (long.Parse(before!, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
            var started = Stopwatch.GetTimestamp();
            await page.ClickAsync("[data-testid=step-back]");
            await PositionShownAsync(page, expected, shown: true);
            steps.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // Instants spread over the ledger's history, each landing on a different event.
        var first = await InstantOfAsync(http, baseUrl, 1);
        var last = await InstantOfAsync(http, baseUrl, head);
        for (var i = 0; i < 5; i++)
        {
            var before = await page.Locator("[data-testid=slider-position]").TextContentAsync();
            var target = first + (last - first) * (i + 1) / 7;
            await page.Locator("input[data-testid=jump-time]").FillAsync(target.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            var started = Stopwatch.GetTimestamp();
            await page.ClickAsync("[data-testid=jump]");
            await PositionShownAsync(page, before!, shown: false);
            jumps.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        for (var i = 0; i < 5; i++)
        {
            var tab = await browser.NewPageAsync();
            var started = Stopwatch.GetTimestamp();
            await tab.GotoAsync($"{baseUrl}/accounts");
            await tab.Locator("[data-testid=row-owner]").First.WaitForAsync(new() { Timeout = 60_000 });
            accounts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await tab.CloseAsync();
        }

        await page.CloseAsync();
        var tabs = new List<IPage>();
        foreach (var path in Pages)
        {
            var tab = await browser.NewPageAsync();
            await tab.GotoAsync(baseUrl + path);
            await tab.WaitForSelectorAsync("[data-interactive=true]", new() { Timeout = 60_000 });
            tabs.Add(tab);
        }

        await Task.Delay(3_000);
        var rss = Rss(app.Id);
        foreach (var tab in tabs) await tab.CloseAsync();
        return new Timings(head, tables, charts, steps, jumps, accounts, rss);
    }

    /// <summary>
    /// Waits until the slider shows (or stops showing) a position, checking at every animation frame: Playwright's
    /// expect() retries after 100, 250, 500 ms, which would round every timing up to those steps.
    /// </summary>
    private static Task PositionShownAsync(IPage page, string position, bool shown) =>
        page.WaitForFunctionAsync(
            "([p, shown]) => (document.querySelector('[data-testid=slider-position]')?.textContent === p) === shown",
            new object[] { position, shown },
            new() { Timeout = 30_000 });

    private static async Task<DateTimeOffset> InstantOfAsync(HttpClient http, string baseUrl, long position) =>
        System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{baseUrl}/api/events?from={position}&limit=1")).RootElement[0].GetProperty("recordedAt").GetDateTimeOffset();

    private static void Row(string name, List<double> demo, List<double> scale) =>
        Console.WriteLine($"| {name} | {Median(demo)} | {Median(scale)} |");

    private static string Median(List<double> times)
    {
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{times[times.Count / 2]:N0} ms ({times[^1]:N0})");
    }

    /// <summary>VmRSS of a process in kB, from /proc.</summary>
    private static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
