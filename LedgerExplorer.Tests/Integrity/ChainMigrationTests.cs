using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.Tests.Integrity;

/// <summary>The chain arrives on old logs without touching a row, and neither an upcast read nor a forget changes it.</summary>
[Trait("Proof", "Integrity")]
public sealed class ChainMigrationTests
{
    [Fact]
    public async Task A_log_from_before_the_chain_gets_it_once_at_migration_with_every_row_byte_for_byte_as_it_was()
    {
        using var directory = new TempDirectory();
        var database = new SqliteLedgerDatabase(directory.File("ledger.db"));
        // The schema as it stood before the chain, and three rows its writer put there.
        using (var context = new LedgerDbContext(new DbContextOptionsBuilder<LedgerDbContext>().UseSqlite(database.ConnectionString).Options))
        {
            context.Database.Migrate("20261201102349_CommandKeyIndex");
        }

        Exec(database, """
            INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at) VALUES
            ('account-old', 1, 'AccountOpened', 1, '{"owner":"x","plan":"Basic","currency":"EUR"}', '{"eventId":"00000000-0000-0000-0000-000000000001","actor":"legacy","correlationId":"00000000-0000-0000-0000-000000000001","causationId":"00000000-0000-0000-0000-000000000001","recordedAt":"2025-01-01T00:00:00+00:00"}', '2025-01-01T00:00:00.0000000Z'),
            ('account-old', 2, 'MoneyDeposited', 1, '{"amountInCents":12550,"memo":"cheque"}', '{"eventId":"00000000-0000-0000-0000-000000000002","actor":"legacy","correlationId":"00000000-0000-0000-0000-000000000002","causationId":"00000000-0000-0000-0000-000000000002","recordedAt":"2025-01-02T00:00:00+00:00"}', '2025-01-02T00:00:00.0000000Z'),
            ('account-old', 3, 'MoneyDeposited', 1, '{"amountInCents":100,"memo":"coins"}', '{"eventId":"00000000-0000-0000-0000-000000000003","actor":"legacy","correlationId":"00000000-0000-0000-0000-000000000003","causationId":"00000000-0000-0000-0000-000000000003","recordedAt":"2025-01-03T00:00:00+00:00"}', '2025-01-03T00:00:00.0000000Z');
            """);
        var before = Dump(database);

        database.Migrate();
        database.Migrate(); // a second process starting: nothing more to do

        Assert.Equal(before, Dump(database));
        await using var store = new SqliteEventStore(database);
        var integrity = new LedgerIntegrity(store, store, TimeProvider.System);
        var walk = await integrity.Verifier.VerifyAsync();
        Assert.True(walk.Intact, walk.Break?.Reason);
        Assert.Equal(3, walk.VerifiedTo);

        // And the writer chains on from there.
        await store.AppendAsync("account-old", ExpectedVersion.Exactly(3),
            [new EventData("MoneyDeposited", 2, """{"amount":1,"reference":null}""", new EventMetadata(Guid.NewGuid(), "t", Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow))]);
        Assert.Equal(4, (await integrity.Verifier.VerifyAsync()).VerifiedTo);
    }

    [Fact]
    public async Task Reading_old_events_through_the_upcaster_and_forgetting_a_customer_leave_every_hash_as_it_was()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var handler = new AccountCommandHandler(ledger.Store, TimeProvider.System, new LedgerNotifications(), ledger.Keys);
        await Core.Demo.DemoLedger.SeedAsync(ledger.Store, DateTimeOffset.UtcNow, ledger.Keys);
        var chain = (IEventChain)ledger.Store;
        var integrity = new LedgerIntegrity(ledger.Store, chain, TimeProvider.System);
        var digest = await integrity.DigestAsync();
        var upcast = (await ledger.Store.ReadAllAsync(1, (int)digest.Position)).First(e => e.EventType == "MoneyDeposited" && e.SchemaVersion == 1);
        var id = AccountId.Parse(upcast.StreamId["account-".Length..]);

        Assert.NotEqual(upcast.Data, Core.Serialization.EventCodec.UpcastData(upcast)); // it is read through an upcaster…
        var loaded = await new AccountLoader(ledger.Store, ledger.Keys).LoadAsync(id); // …as the load does
        Assert.True(loaded.Version >= upcast.StreamVersion);
        var eraser = new Core.Application.OwnerEraser(handler, new AccountLoader(ledger.Store, ledger.Keys), ledger.Keys, ledger.Keys, new SnapshotStore(readModels.Database),
            [readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys)], readModels.Database);
        var (_, forgotten) = await eraser.ForgetAsync(id, CommandContext.For("dana"));
        Assert.True(forgotten!.KeyDestroyed);

        Assert.True((await integrity.CheckAsync(digest)).Holds); // the same hash at the same position, the same root
        var walk = await integrity.Verifier.VerifyAsync();
        Assert.True(walk.Intact, walk.Break?.Reason);
        Assert.True(walk.VerifiedTo > digest.Position); // the forget appended its event, chained like any other
    }

    private static void Exec(SqliteLedgerDatabase database, string sql)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Dump(SqliteLedgerDatabase database)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT global_position, stream_id, stream_version, event_type, schema_version, hex(data), hex(metadata), recorded_at FROM events ORDER BY global_position";
        using var reader = command.ExecuteReader();
        var rows = new System.Text.StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++) rows.Append(reader.GetValue(i)).Append('|');
            rows.AppendLine();
        }

        return rows.ToString();
    }
}
