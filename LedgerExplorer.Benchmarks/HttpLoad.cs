using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.Core.Hosting;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project LedgerExplorer.Benchmarks -- http [seconds] [clients]</c>: starts the App
/// (Release build) as its own process on a loopback port with an empty ledger, opens one account per client,
/// and has every client send deposits through the HTTP API as fast as answers come back. Prints commands/s
/// and latency percentiles. Only 127.0.0.1 is ever contacted; the App is stopped by its PID at the end.
/// </summary>
internal static class HttpLoad
{
    public static async Task<int> RunAsync(TimeSpan duration, int clients)
    {
        var data = Path.Combine(Path.GetTempPath(), "ledger-http-load", Guid.NewGuid().ToString("N"));
        var port = FreePort.Next();
        var app = ReleaseApp.Start(data, port);
        try
        {
            await app.WaitForHttpAsync($"http://127.0.0.1:{port}/api/health", TimeSpan.FromSeconds(30), "The App");
            using var http = await ReleaseApp.SignInAsync($"http://127.0.0.1:{port}"); // a teller's work, done by admin: one token for every client
            var accounts = new List<string>();
            for (var c = 0; c < clients; c++)
            {
                var opened = await http.PostAsJsonAsync("/api/accounts", new { owner = $"Load {c}", plan = "Basic", currency = "EUR" });
                accounts.Add(JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("accountId").GetString()!);
            }

            var latencies = new List<double>[clients];
            var failures = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var mine = latencies[c] = [];
                while (clock.Elapsed < duration)
                {
                    var started = Stopwatch.GetTimestamp();
                    var response = await http.PostAsJsonAsync($"/api/accounts/{accounts[c]}/deposits", new { amount = 1.25m });
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                }
            })));
            var elapsed = clock.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];

            Console.WriteLine($"HTTP load run — {DateTime.UtcNow:yyyy-MM-dd} — {Environment.ProcessorCount} cores; App and clients on the same machine (loopback)");
            Console.WriteLine();
            Console.WriteLine("| clients | duration | deposits | failures | commands/s | p50 | p99 | max |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {clients} | {elapsed:0.0} s | {all.Length:N0} | {failures} | {all.Length / elapsed:N0} | {Percentile(0.50):0.00} ms | {Percentile(0.99):0.00} ms | {all[^1]:0.0} ms |"));
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync(); // by its PID
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
