using BenchmarkDotNet.Running;
using LedgerExplorer.Benchmarks;

// "quick" prints one comparison table in under a minute; anything else goes to BenchmarkDotNet
// (e.g. --filter '*AppendBenchmarks*').
if (args is ["quick", ..])
{
    var seconds = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1.0;
    return await QuickBench.RunAsync(TimeSpan.FromSeconds(seconds));
}

BenchmarkSwitcher.FromAssembly(typeof(AppendBenchmarks).Assembly).Run(args);
return 0;
