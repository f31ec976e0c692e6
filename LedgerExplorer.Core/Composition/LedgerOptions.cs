namespace LedgerExplorer.Core.Composition;

/// <summary>The <c>Ledger:*</c> settings (DESIGN §10): where the files live and whether a demo ledger is seeded.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Ledger";

    public string DataDir { get; set; } = "./data";

    public bool SeedDemo { get; set; } = true;

    /// <summary>Take a snapshot of an account every N events (0: never). The code's default is 100; appsettings.json sets 25 so the demo's accounts (~50 events each) have some.</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>Set by <c>--reset</c>: delete the ledger's files at start and begin again.</summary>
    public bool ResetOnStart { get; set; }

    public string EventLogPath => Path.Combine(DataDir, "ledger.db");

    /// <summary>The read models' own, disposable database: delete it and every row is rebuilt from the log.</summary>
    public string ReadModelPath => Path.Combine(DataDir, "readmodels.db");

    /// <summary>The personal-data keys, in a file of their own: never in the log or the read models.</summary>
    public string KeyStorePath => Path.Combine(DataDir, "keys.db");
}
