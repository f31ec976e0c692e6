namespace LedgerExplorer.Core.Projections;

/// <summary>Where the projector runs and how it waits for new events (the <c>Projector:*</c> settings).</summary>
public sealed class ProjectorOptions
{
    public const string Section = "Projector";

    /// <summary>
    /// <see cref="ProjectorMode.Child"/> (the default): the App starts <c>LedgerExplorer.Projector</c> as a child process
    /// and stops it on shutdown. <see cref="ProjectorMode.External"/>: run it by hand. <see cref="ProjectorMode.InProcess"/>:
    /// the same loop inside the App (the in-memory tests use it; nothing else should).
    /// </summary>
    public ProjectorMode Mode { get; set; } = ProjectorMode.Child;

    /// <summary>How long the projector sleeps when it is caught up before it looks at the log's head again.</summary>
    public int PollMilliseconds { get; set; } = 10;

    /// <summary>Set by the App for its child: the projector stops when that process is gone (even after a SIGKILL).</summary>
    public int ParentProcessId { get; set; }
}

public enum ProjectorMode
{
    Child,
    External,
    InProcess,
}
