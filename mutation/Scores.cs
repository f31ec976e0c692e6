// The mutation score per part of Core, from Stryker's JSON reports (mutation-reports/<part>/mutation-report.json); every
// mutant that was not killed, by file and line (the list a survivor is killed from or explained in); and every mutant the
// code itself marks as not killable (a `// Stryker disable ... : reason` comment), with that reason.
using System.Text.Json;

var root = args.Length > 0 ? args[0] : "mutation-reports";
Console.WriteLine("| part | killed | timeout | survived | no coverage | score | explained in the code |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
var undetected = new List<string>();
var explained = new List<string>();
// Stryker's own reasons for leaving a mutant out; any other reason on an ignored mutant is a comment in the code.
string[] strykersOwn = ["Removed by", "Mutant caused compile errors", "Not covered"];
// A part measured in slices (mutation-reports/Projections/<slice>/) is one row: its slices' counts added up.
var reports = Directory.GetFiles(root, "mutation-report.json", SearchOption.AllDirectories).Order()
    .GroupBy(report => Path.GetRelativePath(root, report).Split(Path.DirectorySeparatorChar)[0]);
foreach (var part in reports)
{
    var counts = new Dictionary<string, int>();
    foreach (var report in part)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        foreach (var file in json.RootElement.GetProperty("files").EnumerateObject())
        {
            foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
            {
                var status = mutant.GetProperty("status").GetString()!;
                counts[status] = counts.GetValueOrDefault(status) + 1;
                var line = mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32();
                var name = file.Name[(file.Name.IndexOf("LedgerExplorer.Core/", StringComparison.Ordinal) + "LedgerExplorer.Core/".Length)..];
                var what = $"`{name}:{line}` {mutant.GetProperty("mutatorName").GetString()}";
                if (status is "Survived" or "NoCoverage")
                {
                    undetected.Add($"* {status} {what}: `{(mutant.TryGetProperty("replacement", out var r) ? r.GetString() : "")}`");
                }
                else if (status == "Ignored" && mutant.TryGetProperty("statusReason", out var reason) && reason.GetString() is { } why
                         && !strykersOwn.Any(own => why.StartsWith(own, StringComparison.Ordinal)))
                {
                    counts["Explained"] = counts.GetValueOrDefault("Explained") + 1;
                    explained.Add($"* {what} — {why}");
                }
            }
        }
    }

    int Count(string s) => counts.GetValueOrDefault(s);
    var detected = Count("Killed") + Count("Timeout");
    var valid = detected + Count("Survived") + Count("NoCoverage");
    var slices = part.Count() > 1 ? $" ({part.Count()} slices)" : "";
    Console.WriteLine($"| {part.Key}{slices} | {Count("Killed")} | {Count("Timeout")} | {Count("Survived")} | {Count("NoCoverage")} | {(valid == 0 ? "n/a" : $"{100.0 * detected / valid:0.0}%")} | {Count("Explained")} |");
}

Console.WriteLine();
Console.WriteLine("Not killed:");
Console.WriteLine();
foreach (var line in undetected) Console.WriteLine(line);
Console.WriteLine();
Console.WriteLine("Not killable, each with the reason the code gives (left out of the score):");
Console.WriteLine();
foreach (var line in explained.Distinct()) Console.WriteLine(line);
