namespace LedgerExplorer.Core.Projections;

/// <summary>How a projector process ends, for whoever supervises it.</summary>
public static class ProjectorExitCodes
{
    /// <summary>Another projector already holds this read-model database's lock: this one stood down.</summary>
    public const int AlreadyRunning = 3;
}
