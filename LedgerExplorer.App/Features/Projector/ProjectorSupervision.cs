namespace LedgerExplorer.App.Features.Projector;

/// <summary>
/// How the App's supervision of its child projector stands: how many times in a row it had to start it again,
/// why the last time, and when it will try next (null when it is running well).
/// </summary>
public sealed record ProjectorSupervision(int FailuresInARow, string? LastFailure, DateTimeOffset? NextAttemptAt)
{
    public static ProjectorSupervision Healthy { get; } = new(0, null, null);
}
