namespace LedgerExplorer.Tests.Support;

/// <summary>
/// A meter is process-wide: the tests that listen to one run alone, so no other test's projection or snapshot records
/// into what they count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
