namespace LedgerExplorer.Core.Projections;

/// <summary>A projection stopped at an event it could not apply. Nothing of that batch was committed.</summary>
public sealed class ProjectionFailedException(string projection, long position, Exception inner)
    : Exception($"Projection '{projection}' stopped at position {position}: {inner.Message}", inner)
{
    public string Projection { get; } = projection;

    public long Position { get; } = position;
}
