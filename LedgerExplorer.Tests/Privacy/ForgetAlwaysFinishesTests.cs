using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Tests.Privacy;

/// <summary>A forget that always finishes: in every process, whatever the caller does, after a crash, and on disk.</summary>
[Trait("Proof", "CryptoShredding")]
public sealed class ForgetAlwaysFinishesTests : IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();
    private readonly LedgerNotifications _notifications = new();
    private readonly AccountId _id = AccountId.New();
    private AccountCommandHandler _handler = default!;
    private ProjectionRunner<BalanceRow> _balances = default!;

    public async ValueTask InitializeAsync()
    {
        _handler = new AccountCommandHandler(_ledger.Store, TimeProvider.System, _notifications, _ledger.Keys);
        await _handler.HandleAsync(_id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"), CommandContext.For("t"));
        await _handler.HandleAsync(_id, new Deposit(10m), CommandContext.For("t"));
        _balances = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        await _balances.CatchUpAsync();
    }

    [Fact]
    public async Task A_key_destroyed_by_one_process_can_no_longer_be_used_by_another_that_already_used_it()
    {
        var projector = new SqliteKeyStore(_ledger.Keys.Path); // the child projector's own key store on the same file
        var opened = await EncryptedOwnerAsync();
        Assert.Equal("Ada Lovelace", projector.TryDecrypt(_id.Value, opened)); // it has used the key

        Assert.True(_ledger.Keys.Forget(_id.Value)); // the App forgets

        Assert.Null(projector.TryDecrypt(_id.Value, opened));
        Assert.False(projector.HasKey(_id.Value));
    }

    [Fact]
    public void A_key_store_whose_wal_cannot_be_truncated_says_so_instead_of_reporting_success()
    {
        // Another connection holds a read transaction open on the key store: the checkpoint cannot truncate the WAL.
        using var reader = new SqliteConnection($"Data Source={_ledger.Keys.Path}");
        reader.Open();
        using var begin = reader.CreateCommand();
        begin.CommandText = "BEGIN; SELECT COUNT(*) FROM keys;";
        begin.ExecuteScalar();

        var failure = Assert.Throws<IOException>(() => _ledger.Keys.Forget(_id.Value));

        Assert.Contains("could not be truncated", failure.Message, StringComparison.Ordinal);
        Assert.False(_ledger.Keys.HasKey(_id.Value)); // the key itself is gone; only its bytes may linger, and we were told
    }

    [Fact]
    public async Task A_client_that_disconnects_once_the_forget_is_logged_does_not_stop_the_rest()
    {
        using var disconnect = new CancellationTokenSource();
        using var _ = _notifications.Subscribe(_ => disconnect.Cancel()); // the client goes away the moment OwnerForgotten is appended

        var (outcome, result) = await Eraser().ForgetAsync(_id, CommandContext.For("dana"), disconnect.Token);

        Assert.IsType<CommandOutcome.Accepted>(outcome);
        Assert.True(result!.KeyDestroyed);
        Assert.DoesNotContain("Ada Lovelace", _balances.Dump(), StringComparison.Ordinal); // the read model applied it anyway
        Assert.Contains(PersonalData.Erased, _balances.Dump(), StringComparison.Ordinal);
        Assert.Empty(_ledger.Keys.Pending());
    }

    [Fact]
    public async Task A_forget_left_half_done_by_a_dead_process_is_finished_at_the_next_start()
    {
        // What a process killed between the append and the key's destruction leaves: the journal entry and OwnerForgotten.
        _ledger.Keys.Begin(_id.Value);
        Assert.IsType<CommandOutcome.Accepted>(await _handler.HandleAsync(_id, new ForgetOwner(), CommandContext.For("dana")));
        Assert.True(_ledger.Keys.HasKey(_id.Value));

        var finished = await Eraser().ResumeAsync(); // the next start

        Assert.Equal(1, finished);
        Assert.False(_ledger.Keys.HasKey(_id.Value));
        Assert.Empty(_ledger.Keys.Pending());
        Assert.DoesNotContain("Ada Lovelace", _balances.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_entry_for_a_forget_that_never_reached_the_log_is_dropped_and_the_key_kept()
    {
        _ledger.Keys.Begin(_id.Value); // died before the append

        Assert.Equal(0, await Eraser().ResumeAsync());

        Assert.True(_ledger.Keys.HasKey(_id.Value));
        Assert.Empty(_ledger.Keys.Pending());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_key_store_is_readable_by_its_owner_only_and_so_is_its_directory()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_ledger.Keys.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(_ledger.Keys.Path)!));
        if (File.Exists(_ledger.Keys.Path + "-wal")) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_ledger.Keys.Path + "-wal"));
    }

    [Fact]
    public async Task Negative_control_without_truncating_the_read_models_wal_the_scan_finds_the_forgotten_name()
    {
        var eraser = new OwnerEraser(_handler, new AccountLoader(_ledger.Store, _ledger.Keys), _ledger.Keys, _ledger.Keys, new SnapshotStore(_readModels.Database), [_balances], _readModels.Database,
            truncateReadModelWal: _ => Task.CompletedTask);

        await eraser.ForgetAsync(_id, CommandContext.For("dana"));

        Assert.DoesNotContain("Ada Lovelace", _balances.Dump(), StringComparison.Ordinal); // the rows say erased…
        var path = _readModels.Database.Path;
        var holding = new[] { path, path + "-wal" }.Where(File.Exists).Where(f => FileScan.Holds(f, System.Text.Encoding.UTF8.GetBytes("Ada Lovelace"))).ToList();
        Assert.NotEmpty(holding); // …but an old page in a file still holds the name: the scan in the proof can see it, so its "not found" means something
    }

    [Fact]
    public async Task With_the_read_models_wal_truncated_the_same_scan_finds_nothing()
    {
        await Eraser().ForgetAsync(_id, CommandContext.For("dana"));

        var path = _readModels.Database.Path;
        Assert.True(File.Exists(path));
        Assert.DoesNotContain(new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists), f => FileScan.Holds(f, System.Text.Encoding.UTF8.GetBytes("Ada Lovelace")));
    }

    private OwnerEraser Eraser() =>
        new(_handler, new AccountLoader(_ledger.Store, _ledger.Keys), _ledger.Keys, _ledger.Keys, new SnapshotStore(_readModels.Database), [_balances], _readModels.Database);

    private async Task<EncryptedText> EncryptedOwnerAsync() =>
        Core.Serialization.EventCodec.EncryptedOwnerOf((await _ledger.Store.ReadStream(_id.StreamId))[0])!;

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }
}
