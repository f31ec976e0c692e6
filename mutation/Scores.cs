// The mutation score per part of Core, from Stryker's JSON reports (mutation-reports/<part>/mutation-report.json), and
// every mutant that was not killed, by file and line: the list a surviving mutant is either killed from or explained in.
using System.Text.Json;

var root = args.Length > 0 ? args[0] : "mutation-reports";
Console.WriteLine("| part | killed | timeout | survived | no coverage | score |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
var undetected = new List<string>();
foreach (var report in Directory.GetFiles(root, "mutation-report.json", SearchOption.AllDirectories).Order())
{
    var part = Path.GetFileName(Path.GetDirectoryName(report))!;
    using var json = JsonDocument.Parse(File.ReadAllText(report));
    var counts = new Dictionary<string, int>();
    foreach (var file in json.RootElement.GetProperty("files").EnumerateObject())
    {
        foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
        {
            var status = mutant.GetProperty("status").GetString()!;
            counts[status] = counts.GetValueOrDefault(status) + 1;
            if (status is "Survived" or "NoCoverage")
            {
                var line = mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32();
                var name = file.Name[(file.Name.IndexOf("LedgerExplorer.Core/", StringComparison.Ordinal) + "LedgerExplorer.Core/".Length)..];
                undetected.Add($"* {status} `{name}:{line}` {mutant.GetProperty("mutatorName").GetString()}: `{(mutant.TryGetProperty("replacement", out var r) ? r.GetString() : "")}`");
            }
        }
    }

    int Count(string s) => counts.GetValueOrDefault(s);
    var detected = Count("Killed") + Count("Timeout");
    var valid = detected + Count("Survived") + Count("NoCoverage");
    Console.WriteLine($"| {part} | {Count("Killed")} | {Count("Timeout")} | {Count("Survived")} | {Count("NoCoverage")} | {(valid == 0 ? "n/a" : $"{100.0 * detected / valid:0.0}%")} |");
}

Console.WriteLine();
Console.WriteLine("Not killed:");
Console.WriteLine();
foreach (var line in undetected) Console.WriteLine(line);
