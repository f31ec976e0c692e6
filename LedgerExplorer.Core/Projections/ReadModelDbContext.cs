using System.Text;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Core.Projections.Statements;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// The read models' own database (a separate, disposable file): EF Core owns its schema, migrations and
/// queries; the projection runner writes rows with prepared commands.
/// </summary>
public sealed class ReadModelDbContext(DbContextOptions<ReadModelDbContext> options) : DbContext(options)
{
    public DbSet<BalanceRow> Balances => Set<BalanceRow>();

    public DbSet<StatementRow> Statements => Set<StatementRow>();

    public DbSet<HistoryRow> History => Set<HistoryRow>();

    public DbSet<CheckpointRow> Checkpoints => Set<CheckpointRow>();

    public DbSet<SnapshotRecord> Snapshots => Set<SnapshotRecord>();

    public DbSet<ProjectorRow> Projector => Set<ProjectorRow>();

    // Stryker disable all : EF Core builds a context type's model once per process and caches it, so like a static initializer it runs once across Stryker's mutants (the MTP runner keeps one process, stryker-net#3742); ModelMatchesMigrationsTests pins it to the migrations
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var balances = modelBuilder.Entity<BalanceRow>();
        balances.ToTable("balances").HasKey(r => r.AccountId);
        balances.Ignore(r => r.Key);
        balances.Property(r => r.Plan).HasConversion<string>();
        balances.Property(r => r.Status).HasConversion<string>();

        var statements = modelBuilder.Entity<StatementRow>();
        statements.ToTable("statements").HasKey(r => new { r.AccountId, r.Month });
        statements.Ignore(r => r.Key);

        // Insert-only, one row per event; the two indexes are the as-of lookups (by position, by instant) per account.
        var history = modelBuilder.Entity<HistoryRow>();
        history.ToTable("account_history").HasKey(r => r.Position);
        history.Property(r => r.Position).ValueGeneratedNever();
        history.Ignore(r => r.Key);
        history.Property(r => r.Plan).HasConversion<string>();
        history.Property(r => r.Status).HasConversion<string>();
        history.HasIndex(r => new { r.AccountId, r.Position }).HasDatabaseName("ix_account_history_account_position");
        history.HasIndex(r => new { r.AccountId, r.OccurredAt }).HasDatabaseName("ix_account_history_account_occurred_at");
        history.HasIndex(r => new { r.AccountId, r.RecordedAt }).HasDatabaseName("ix_account_history_account_recorded_at"); // as known at: one seek per account
        history.HasIndex(r => new { r.OccurredAt, r.Position }).HasDatabaseName("ix_account_history_occurred_at"); // the business-time axis: the event at or before an instant
        history.HasIndex(r => new { r.RecordedAt, r.Position }).HasDatabaseName("ix_account_history_recorded_at"); // the knowledge axis
        history.HasIndex(r => r.AccountId).HasFilter("out_of_order = 1").HasDatabaseName("ix_account_history_out_of_order"); // the few accounts whose times go back

        modelBuilder.Entity<CheckpointRow>().ToTable("projection_checkpoints").HasKey(r => r.Name);

        // One row: the projector process's heartbeat, so the App can tell running from stopped wherever it runs.
        modelBuilder.Entity<ProjectorRow>().ToTable("projector", t => t.HasCheckConstraint("ck_projector_single_row", "id = 1")).HasKey(r => r.Id);
        modelBuilder.Entity<ProjectorRow>().Property(r => r.Id).ValueGeneratedNever();

        // Snapshots are derived and disposable too, so they live here rather than beside the log.
        modelBuilder.Entity<SnapshotRecord>().ToTable("snapshots").HasKey(r => new { r.StreamId, r.Version });

        // snake_case columns, like the event log's.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            property.SetColumnName(SnakeCase(property.Name));
        }
    }

    // Stryker disable all : called only from OnModelCreating above, which EF Core runs once per process (the reason is there)
    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
    // Stryker restore all
}

/// <summary>A projection's progress: the last global position applied, and the error it stopped at, if any.</summary>
public sealed class CheckpointRow
{
    public required string Name { get; set; }

    public long Position { get; set; }

    public long? ErrorPosition { get; set; }

    public string? ErrorMessage { get; set; }

    public string? ErrorAt { get; set; }

    /// <summary>When the last batch was committed (UTC, ISO-8601).</summary>
    public string? AppliedAt { get; set; }

    /// <summary>Events in the last batch.</summary>
    public int? AppliedEvents { get; set; }

    /// <summary>The last batch's largest lag: from an event's recorded-at to the batch's commit, in milliseconds.</summary>
    public double? AppliedLagMs { get; set; }

    /// <summary>Transient failures in a row (a busy database, an unreachable server): retried with back-off, never a stop.</summary>
    public int RetryCount { get; set; }

    public string? RetryMessage { get; set; }

    public string? RetryAt { get; set; }
}

public sealed class ProjectorRow
{
    public int Id { get; set; } = 1;

    public int ProcessId { get; set; }

    public required string StartedAt { get; set; }

    public required string BeatAt { get; set; }

    /// <summary><c>running</c>, <c>paused</c> or <c>stopped</c> (written on a clean shutdown).</summary>
    public required string State { get; set; }
}
