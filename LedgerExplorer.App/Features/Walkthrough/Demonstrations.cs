using LedgerExplorer.App.Features.Walkthrough.Steps;

namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>
/// Every demonstration, in classroom order (one file each, under Steps/). Each does the thing for real through
/// the same code the App uses, records what it saw, and fails with a reason when what it saw is not what the
/// property promises.
/// </summary>
public static class Demonstrations
{
    public static IReadOnlyList<Demonstration> All { get; } =
    [
        new ConcurrencyDemonstration(),
        new IdempotencyDemonstration(),
        new RebuildDemonstration(),
        new SecondProjectionDemonstration(),
        new TemporalDemonstration(),
        new SnapshotsDemonstration(),
        new UpcasterDemonstration(),
        new CryptoShreddingDemonstration(),
        new ReadYourOwnWritesDemonstration(),
        new ProjectorLagDemonstration(),
        new SecondBackendDemonstration(),
        new AuditDemonstration(),
        new TamperEvidenceDemonstration(),
        new BitemporalDemonstration(),
    ];

    public static Demonstration? Find(string id) => All.FirstOrDefault(d => d.Id == id);
}
