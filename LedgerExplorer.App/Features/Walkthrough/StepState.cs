namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>Where one walkthrough step stands: not yet run, running, or done with its result.</summary>
public enum StepStatus
{
    Idle,
    Running,
    Passed,
    Failed,
    NotRun,
}

public sealed record StepState(StepStatus Status, DemonstrationResult? Result = null)
{
    public static StepState Idle { get; } = new(StepStatus.Idle);

    public static StepState From(DemonstrationResult result) => new(
        result.Outcome switch
        {
            DemonstrationOutcome.Passed => StepStatus.Passed,
            DemonstrationOutcome.Failed => StepStatus.Failed,
            _ => StepStatus.NotRun,
        },
        result);
}
