namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>
/// One step of the walkthrough, and one row of <c>prove</c>: what the property is and why event sourcing
/// needs it, where to see it in depth, the source and the test that prove it, and the demonstration itself,
/// run live on a <see cref="Sandbox"/>.
/// </summary>
public sealed record Demonstration(
    string Id,
    string Title,
    string Why,
    string Page,
    string Source,
    string Test,
    Func<Sandbox?, DemonstrationLog, CancellationToken, Task> Run)
{
    /// <summary>It brings its own log (a nats-server) instead of a sandbox ledger.</summary>
    public bool BringsItsOwnLog { get; init; }

    /// <summary>Runs it on a fresh sandbox of its own; a demonstration that throws fails with the reason.</summary>
    public async Task<DemonstrationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var log = new DemonstrationLog();
        var clockwatch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            if (BringsItsOwnLog)
            {
                await Run(null, log, cancellationToken);
            }
            else
            {
                await using var sandbox = await Sandbox.CreateAsync(cancellationToken: cancellationToken);
                await Run(sandbox, log, cancellationToken);
            }

            return new DemonstrationResult(Id, log.NotRun is null ? DemonstrationOutcome.Passed : DemonstrationOutcome.NotRun, log.Done, log.Evidence, log.NotRun, log.Series, clockwatch.Elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new DemonstrationResult(Id, DemonstrationOutcome.Failed, log.Done, log.Evidence, e.Message, log.Series, clockwatch.Elapsed);
        }
    }
}

public enum DemonstrationOutcome
{
    Passed,
    Failed,
    NotRun,
}

/// <summary>What a demonstration did and observed. <see cref="Reason"/> says why it failed or was not run.</summary>
public sealed record DemonstrationResult(
    string Id,
    DemonstrationOutcome Outcome,
    string Done,
    IReadOnlyList<(string Label, string Value)> Evidence,
    string? Reason,
    IReadOnlyList<(double X, double Y)> Series,
    TimeSpan Elapsed);

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
