using BenchmarkDotNet.Running;
using LedgerExplorer.Benchmarks;

// "quick" prints the comparison tables in about two minutes; "http" runs the HTTP load; anything else goes to BenchmarkDotNet
// (e.g. --filter '*AppendBenchmarks*').
if (args is ["quick", ..])
{
    var seconds = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1.0;
    return await QuickBench.RunAsync(TimeSpan.FromSeconds(seconds));
}

if (args is ["http", ..])
{
    var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
    var clients = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16;
    return await HttpLoad.RunAsync(TimeSpan.FromSeconds(seconds), clients);
}

if (args is ["jetstream", ..])
{
    var seconds = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 5.0;
    return await JetStreamBench.RunAsync(TimeSpan.FromSeconds(seconds), cluster: args.Contains("--cluster"));
}

if (args is ["drift", ..]) return await DriftBench.RunAsync();

if (args is ["scale", ..])
{
    var numbers = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    return await ScaleBench.RunAsync(numbers.Length > 0 ? numbers[0] : 1_000_000, numbers.Length > 1 ? numbers[1] : 1_000, args.Contains("--browser"));
}

if (args is ["integrity", ..])
{
    var numbers = args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    return await IntegrityBench.RunAsync(numbers.Length > 0 ? numbers[0] : 1_000_000, numbers.Length > 1 ? numbers[1] : 1_000);
}

BenchmarkSwitcher.FromAssembly(typeof(AppendBenchmarks).Assembly).Run(args);
return 0;
