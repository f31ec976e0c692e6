using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>
/// The SQLite store around its appends: created by migration, paused for a start-over, disposed, its files removed —
/// each edge where a writer could slip through or a file be left behind.
/// </summary>
public sealed class SqliteStoreLifecycleTests
{
    [Fact]
    public async Task Creating_the_log_migrates_its_file_and_the_log_says_where_it_is()
    {
        using var directory = new TempDirectory();
        var database = new SqliteLedgerDatabase(directory.File("ledger.db"));
        await using var store = new SqliteEventStore(database);
        var log = new SqliteLedgerLog(database, store);

        await log.EnsureCreatedAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"SQLite at {database.Path}", log.Description);
        var appended = await store.AppendAsync("account-a", ExpectedVersion.NoStream, [TestEvents.Event()], TestContext.Current.CancellationToken);
        Assert.Equal(1, appended.LastPosition); // the schema (with its triggers and chain) is there
    }

    [Fact]
    public async Task While_writes_are_paused_an_append_waits_and_a_lease_disposed_twice_lets_in_one_writer_at_a_time()
    {
        await using var harness = SqliteHarness.Create();
        var store = (SqliteEventStore)harness.Store;
        var lease = await store.PauseWritesAsync(TestContext.Current.CancellationToken);

        var waiting = store.AppendAsync("account-a", ExpectedVersion.NoStream, [TestEvents.Event()], TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted); // held back by the pause, not written, not refused

        await lease.DisposeAsync();
        await lease.DisposeAsync(); // a second release would open the gate to two writers (or throw)
        Assert.Equal(1, (await waiting).NextVersion);

        var second = await store.PauseWritesAsync(TestContext.Current.CancellationToken);
        var held = store.AppendAsync("account-b", ExpectedVersion.NoStream, [TestEvents.Event()], TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(held.IsCompleted); // the gate admits one holder: the pause, not the pause and a writer
        await second.DisposeAsync();
        await held;
    }

    [Fact]
    public async Task Appends_one_after_another_each_commit_on_their_own()
    {
        await using var harness = SqliteHarness.Create();
        var store = (SqliteEventStore)harness.Store;
        var stream = TestEvents.NewStream();

        var version = 0L;
        for (var i = 0; i < 5; i++)
        {
            version = (await store.AppendAsync(stream, ExpectedVersion.Exactly(version), TestEvents.Events(2), TestContext.Current.CancellationToken)).NextVersion;
        }

        Assert.Equal((5L, 5L), store.CommitStatistics); // five commits carrying five appends (of two events each)
    }

    [Fact]
    public async Task An_append_of_nothing_is_refused_with_what_it_lacks()
    {
        await using var harness = SqliteHarness.Create();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => harness.Store.AppendAsync("account-a", ExpectedVersion.NoStream, [], TestContext.Current.CancellationToken));

        Assert.Equal("events", refused.ParamName);
        Assert.StartsWith("An append needs at least one event.", refused.Message);
    }

    [Fact]
    public async Task A_store_disposed_while_busy_refuses_an_append_through_its_queue()
    {
        await using var harness = SqliteHarness.Create();
        var store = new SqliteEventStore(harness.Database, harness.Clock);
        // Appends queued behind a pause commit in batches of more than one: the store counts itself busy, and the
        // next append would go through the queue rather than be written at once.
        var pause = await store.PauseWritesAsync(TestContext.Current.CancellationToken);
        var queued = Enumerable.Range(0, 5).Select(_ => store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, [TestEvents.Event()], TestContext.Current.CancellationToken)).ToArray();
        await pause.DisposeAsync();
        await Task.WhenAll(queued);
        Assert.True(store.CommitStatistics.Appends > store.CommitStatistics.Commits);

        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync("account-b", ExpectedVersion.NoStream, [TestEvents.Event()], TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)); // refused, not left waiting on a queue nobody reads
        Assert.Equal(5, await harness.Store.ReadHeadPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Deleting_the_files_leaves_none_of_the_database_its_journal_or_its_generation()
    {
        using var directory = new TempDirectory();
        var database = new SqliteLedgerDatabase(directory.File("ledger.db"));
        database.Migrate();
        await using (var store = new SqliteEventStore(database))
        {
            await store.AppendAsync("account-a", ExpectedVersion.NoStream, [TestEvents.Event()], TestContext.Current.CancellationToken);
        }

        File.WriteAllText(database.Path + ".generation", "g1"); // as a start-over leaves it
        // A connection this pool does not own (as another process's would be) keeps the WAL and its index on disk: the
        // last connection to close would otherwise remove them itself. Opening is not enough — SQLite touches the file
        // only at the first statement — so it reads.
        using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.Path};Pooling=False");
        other.Open();
        using (var read = other.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM events";
            Assert.Equal(1L, read.ExecuteScalar());
        }

        Assert.All(new[] { "", "-wal", "-shm", ".generation" }, suffix => Assert.True(File.Exists(database.Path + suffix), suffix));

        database.DeleteFiles();

        Assert.Empty(System.IO.Directory.GetFiles(directory.Path));

        // A ledger started again at the same path is empty: no pooled connection to the deleted file is handed out again.
        database.Migrate();
        await using var fresh = new SqliteEventStore(database);
        Assert.Equal(0, await fresh.ReadHeadPositionAsync(TestContext.Current.CancellationToken));
    }
}
