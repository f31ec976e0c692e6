namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>Where a demonstration writes what it did, what it saw, and — when it checks something — why it would fail.</summary>
public sealed class DemonstrationLog
{
    private readonly List<(string, string)> _evidence = [];
    private readonly List<(double, double)> _series = [];

    public string Done { get; private set; } = "";

    public string? NotRun { get; private set; }

    public IReadOnlyList<(string Label, string Value)> Evidence => _evidence;

    public IReadOnlyList<(double X, double Y)> Series => _series;

    public void Did(string what) => Done = what;

    public void Saw(string label, object? value) => _evidence.Add((label, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));

    public void Plot(double x, double y) => _series.Add((x, y));

    public void Skipped(string why) => NotRun = why;

    /// <summary>The check a demonstration stands on: false fails it, with <paramref name="because"/> as the reason.</summary>
    public void Expect(bool condition, string because)
    {
        if (!condition) throw new InvalidOperationException(because);
    }
}
