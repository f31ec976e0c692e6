namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>
/// One step of the walkthrough, and one row of <c>prove</c>: what the property is and why event sourcing
/// needs it, where to see it in depth, the source and the test that prove it, and the demonstration itself,
/// run live. Most steps run on a <see cref="Sandbox"/> (<see cref="SandboxDemonstration"/>); a step that needs
/// a different log brings its own (<see cref="OwnLogDemonstration"/>).
/// </summary>
public abstract class Demonstration(string id, string title, string why, string page, string source, string test)
{
    public string Id { get; } = id;

    public string Title { get; } = title;

    public string Why { get; } = why;

    public string Page { get; } = page;

    public string Source { get; } = source;

    public string Test { get; } = test;

    /// <summary>Runs it; a demonstration that throws fails with the reason.</summary>
    public abstract Task<DemonstrationResult> RunAsync(CancellationToken cancellationToken = default);

    /// <summary>Performs <paramref name="perform"/>, recording what it did and saw, and how it ended.</summary>
    protected async Task<DemonstrationResult> RecordAsync(Func<DemonstrationLog, Task> perform)
    {
        var log = new DemonstrationLog();
        var clockwatch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await perform(log);
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
