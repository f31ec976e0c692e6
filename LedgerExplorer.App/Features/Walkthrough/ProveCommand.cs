using System.Globalization;
using System.Text;

namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>
/// <c>dotnet run --project LedgerExplorer.App -- prove [--out PATH]</c>: runs every demonstration against a
/// fresh temporary ledger, with no browser, prints the table and writes it to docs/PROOFS.md (or PATH).
/// Exit code 1 if any demonstration failed; one that could not run (no nats-server) says so and does not fail.
/// </summary>
public static class ProveCommand
{
    public const string Verb = "prove";

    public static async Task<int> RunAsync(string[] args, TextWriter? console = null, CancellationToken cancellationToken = default)
    {
        console ??= Console.Out;
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? DefaultOutput();
        var results = new List<(Demonstration Demonstration, DemonstrationResult Result)>();
        foreach (var demonstration in Demonstrations.All)
        {
            await console.WriteAsync($"{demonstration.Title,-36} ");
            var result = await demonstration.RunAsync(cancellationToken);
            results.Add((demonstration, result));
            await console.WriteLineAsync($"{Verdict(result.Outcome),-8} {result.Elapsed.TotalSeconds,5:0.0} s  {result.Reason}");
        }

        var markdown = Markdown(results);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, markdown, cancellationToken);
        var failed = results.Count(r => r.Result.Outcome == DemonstrationOutcome.Failed);
        await console.WriteLineAsync();
        await console.WriteLineAsync($"{results.Count(r => r.Result.Outcome == DemonstrationOutcome.Passed)} passed, {failed} failed, {results.Count(r => r.Result.Outcome == DemonstrationOutcome.NotRun)} not run. Written to {Path.GetFullPath(output)}");
        return failed == 0 ? 0 : 1;
    }

    public static string Markdown(IReadOnlyList<(Demonstration Demonstration, DemonstrationResult Result)> results)
    {
        var text = new StringBuilder();
        text.AppendLine("# Proofs");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Written by `dotnet run --project LedgerExplorer.App -- prove` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({Environment.ProcessorCount} cores, .NET {Environment.Version}). Each demonstration ran against a fresh temporary ledger, through the same code the App uses; the walkthrough page runs the same ones live. The tests that prove each property in depth are named in the last column.");
        text.AppendLine();
        text.AppendLine("| demonstration | what was done | the observed evidence | result | proven in depth by |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var (d, r) in results)
        {
            var evidence = string.Join("<br>", r.Evidence.Select(e => $"{e.Label}: `{Cell(e.Value)}`"));
            if (r.Reason is { } reason) evidence += (evidence.Length > 0 ? "<br>" : "") + $"**{Cell(reason)}**";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {d.Title} | {Cell(r.Done)} | {evidence} | {Verdict(r.Outcome)} | `{d.Test}` · [{Path.GetFileName(d.Source)}](../{d.Source}) |");
        }

        return text.ToString();
    }

    private static string Verdict(DemonstrationOutcome outcome) => outcome switch
    {
        DemonstrationOutcome.Passed => "pass",
        DemonstrationOutcome.Failed => "FAIL",
        _ => "not run",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    /// <summary>docs/PROOFS.md of the repository this runs in (found by walking up to LedgerExplorer.sln), else ./PROOFS.md.</summary>
    private static string DefaultOutput()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LedgerExplorer.sln"))) return Path.Combine(directory.FullName, "docs", "PROOFS.md");
        }

        return "PROOFS.md";
    }
}
