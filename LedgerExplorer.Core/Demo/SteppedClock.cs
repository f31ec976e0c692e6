namespace LedgerExplorer.Core.Demo;

/// <summary>A clock that stands still until it is moved: history is written "in the past" through the normal command path.</summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset instant) => _now = instant;
}
