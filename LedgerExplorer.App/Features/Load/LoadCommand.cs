using System.Globalization;
using System.Text;
using System.Text.Json;
using LedgerExplorer.App.Features.Ledger;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Projections;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Load;

/// <summary>
/// <c>dotnet run --project LedgerExplorer.App -- load --rate R --seconds S [--accounts N] [--out FILE.csv]</c>:
/// brings the ledger up without the web server (same settings, same data directory, the projector as a child
/// process unless <c>--Projector:Mode</c> says otherwise), writes the load, prints the summary and writes the
/// lag series as CSV (and the summary beside it as JSON).
/// </summary>
public static class LoadCommand
{
    public const string Verb = "load";

    public static async Task<int> RunAsync(string[] args)
    {
        int rate = 100, accounts = 100;
        double seconds = 10;
        string? output = null;
        var settings = new List<string>();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--rate": rate = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture); break;
                    case "--seconds": seconds = double.Parse(Value(args, ++i), CultureInfo.InvariantCulture); break;
                    case "--accounts": accounts = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture); break;
                    case "--out": output = Value(args, ++i); break;
                    default: settings.Add(args[i]); break;
                }
            }

            new LoadPlan(rate, seconds, accounts).Validate();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            Console.Error.WriteLine($"load: {e.Message}");
            Console.Error.WriteLine("usage: load --rate COMMANDS_PER_SECOND --seconds SECONDS [--accounts N] [--out FILE.csv]");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder([.. settings]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLedgerFeatures(builder.Configuration);
        builder.Services.AddLedgerHostedServices();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var generator = host.Services.GetRequiredService<LoadGenerator>();
            var plan = new LoadPlan(rate, seconds, accounts);
            Console.WriteLine($"Writing {rate} deposits/s for {seconds} s across {accounts} accounts; projector: {host.Services.GetRequiredService<IOptions<ProjectorOptions>>().Value.Mode}");
            var lastSecond = -1;
            var summary = await generator.RunAsync(plan, new InlineProgress(p =>
            {
                var second = (int)(p.Sample.AtMs / 1000);
                if (second == lastSecond) return;
                lastSecond = second;
                Console.WriteLine($"  {second,4} s  {p.Sample.Phase,-5}  written {p.Sample.Written,8}  behind {p.Sample.EventsBehind,6} events  {p.Sample.LagMs,8:0.0} ms");
            }));

            output ??= Path.Combine(host.Services.GetRequiredService<IOptions<LedgerOptions>>().Value.DataDir, "load", $"load-{rate}x{seconds.ToString(CultureInfo.InvariantCulture)}s-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
            Write(summary, output);
            Console.WriteLine();
            Console.WriteLine(Describe(summary));
            Console.WriteLine($"Series: {Path.GetFullPath(output)} (summary: {Path.ChangeExtension(Path.GetFullPath(output), ".json")})");
            return summary.ConvergedAfterMs is null || summary.Failed > 0 ? 1 : 0;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public static string Describe(LoadSummary s) => string.Join(Environment.NewLine,
        $"| rate asked | achieved | commands | failed | lag ms p50 / p95 / p99 / max | lag events p50 / p95 / p99 / max | max batch lag ms | converged after end |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        string.Create(CultureInfo.InvariantCulture,
            $"| {s.Plan.Rate}/s × {s.Plan.Seconds} s | {s.AppendsPerSecond:0}/s | {s.Commands:N0} | {s.Failed} | {s.LagMs.P50:0} / {s.LagMs.P95:0} / {s.LagMs.P99:0} / {s.LagMs.Max:0} | {s.LagEvents.P50:0} / {s.LagEvents.P95:0} / {s.LagEvents.P99:0} / {s.LagEvents.Max:0} | {s.MaxBatchLagMs:0} | {(s.ConvergedAfterMs is { } c ? $"{c:0} ms" : "not within the timeout")} |"));

    public static void Write(LoadSummary summary, string csvPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(csvPath))!);
        var csv = new StringBuilder("at_ms,phase,written,head,events_behind,lag_ms,batch_lag_ms\n");
        foreach (var s in summary.Samples)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{s.AtMs},{s.Phase},{s.Written},{s.Head},{s.EventsBehind},{s.LagMs},{s.BatchLagMs}\n");
        }

        File.WriteAllText(csvPath, csv.ToString());
        File.WriteAllText(Path.ChangeExtension(csvPath, ".json"), JsonSerializer.Serialize(summary with { Samples = [] }, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value.");

    private sealed class InlineProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
