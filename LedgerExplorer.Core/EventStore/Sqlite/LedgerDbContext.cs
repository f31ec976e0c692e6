using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>The event log's schema (DESIGN §3). Append-only is enforced by triggers added in the initial migration.</summary>
public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public DbSet<EventRecord> Events => Set<EventRecord>();

    public DbSet<EventHashRecord> EventHashes => Set<EventHashRecord>();

    // Stryker disable all : EF Core builds a context type's model once per process and caches it, so like a static initializer it runs once across Stryker's mutants (the MTP runner keeps one process, stryker-net#3742); ModelMatchesMigrationsTests pins it to the migrations
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var events = modelBuilder.Entity<EventRecord>();
        events.ToTable("events");
        events.HasKey(e => e.GlobalPosition);
        events.Property(e => e.GlobalPosition).HasColumnName("global_position").ValueGeneratedOnAdd();
        events.Property(e => e.StreamId).HasColumnName("stream_id");
        events.Property(e => e.StreamVersion).HasColumnName("stream_version");
        events.Property(e => e.EventType).HasColumnName("event_type");
        events.Property(e => e.SchemaVersion).HasColumnName("schema_version");
        events.Property(e => e.Data).HasColumnName("data");
        events.Property(e => e.Metadata).HasColumnName("metadata");
        events.Property(e => e.RecordedAt).HasColumnName("recorded_at");
        events.HasIndex(e => new { e.StreamId, e.StreamVersion }).IsUnique().HasDatabaseName("ux_events_stream_version");
        events.HasIndex(e => e.RecordedAt).HasDatabaseName("ix_events_recorded_at");

        var hashes = modelBuilder.Entity<EventHashRecord>();
        hashes.ToTable("event_hashes");
        hashes.HasKey(h => h.GlobalPosition);
        hashes.Property(h => h.GlobalPosition).HasColumnName("global_position").ValueGeneratedNever();
        hashes.Property(h => h.Hash).HasColumnName("hash");
    }
    // Stryker restore all
}
