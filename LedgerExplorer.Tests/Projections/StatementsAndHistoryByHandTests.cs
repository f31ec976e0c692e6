using System.Globalization;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Core.Projections.Statements;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// The statements and history read models of a short history written out by hand — two accounts over four months, a
/// posting backdated into January, two events recorded at one instant, an owner forgotten — against rows computed by
/// hand, not by another fold. Built in two runs, as a restarted projector does: the second picks up the first's rows.
/// </summary>
[Trait("Proof", "Rebuild")]
public sealed class StatementsAndHistoryByHandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Jan10 = Day(1, 10), Jan12 = Day(1, 12), Jan15 = Day(1, 15), Jan20 = Day(1, 20), Feb3 = Day(2, 3),
        Feb20 = Day(2, 20), Mar5 = Day(3, 5), Mar10 = Day(3, 10), Apr1 = Day(4, 1);

    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();
    private readonly AccountId _a = AccountId.New(), _b = AccountId.New();

    public async ValueTask InitializeAsync()
    {
        var writer = new LedgerWriter(_ledger.Store, _ledger.Keys, Jan10);
        async Task At(DateTimeOffset instant, AccountId id, IAccountCommand command)
        {
            _ledger.Clock.Set(instant); // recorded at (the store's clock)
            await writer.At(instant).Do(id, command); // occurred at (the handler's clock), unless backdated
        }

        await At(Jan10, _a, new OpenAccount("Ada", Plan.Basic, "EUR")); // 1
        await At(Jan12, _b, new OpenAccount("Bob", Plan.Basic, "EUR")); // 2
        await At(Jan15, _a, new Deposit(100m)); // 3
        await At(Feb3, _a, new Deposit(50m)); // 4
        await At(Feb20, _b, new Deposit(40m)); // 5
        await At(Mar5, _a, new Withdraw(30m)); // 6
        await At(Mar10, _a, new Deposit(20m, Backdated: new Backdating(Jan20, "missed in January"))); // 7: happened Jan 20
        await At(Mar10, _a, new Withdraw(10m)); // 8: recorded at the same instant as 7
        await At(Apr1, _b, new ForgetOwner()); // 9
    }

    [Fact]
    public async Task Each_month_opens_at_the_last_close_and_a_backdated_posting_moves_its_month_and_every_later_one_of_its_account_only()
    {
        var statements = await BuildInTwoRunsAsync(new StatementsProjection());

        string[] expected =
        [
            // account, month, currency, opening, credits, debits, closing, events
            Line(_a, "2026-01", "0.00", "120.00", "0.00", "120.00", 3), // opened, 100, and the 20 posted in March
            Line(_a, "2026-02", "120.00", "50.00", "0.00", "170.00", 1), // opened at 100 in February; +20 since
            Line(_a, "2026-03", "170.00", "0.00", "40.00", "130.00", 2), // opened at 150; +20 since; 30 and 10 out
            Line(_b, "2026-01", "0.00", "0.00", "0.00", "0.00", 1),
            Line(_b, "2026-02", "0.00", "40.00", "0.00", "40.00", 1), // another account's late posting does not move it
            Line(_b, "2026-04", "40.00", "0.00", "0.00", "40.00", 1), // the owner forgotten: an event, no money
        ];
        Assert.Equal(Ordered(expected), statements.Dump());
    }

    [Fact]
    public async Task Each_history_row_is_the_account_after_that_event_flagged_out_of_order_only_when_it_happened_before_its_predecessor()
    {
        var history = await BuildInTwoRunsAsync(new HistoryProjection());

        HistoryRow Row(long position, AccountId id, long version, DateTimeOffset recorded, string type, decimal balance,
            DateTimeOffset? occurred = null, bool erased = false, bool outOfOrder = false) =>
            new(position, id.Value, version, recorded, occurred ?? recorded, type, AccountStatus.Open, Plan.Basic, "EUR", balance, erased, outOfOrder);
        HistoryRow[] expected =
        [
            Row(1, _a, 1, Jan10, "AccountOpened", 0m),
            Row(2, _b, 1, Jan12, "AccountOpened", 0m),
            Row(3, _a, 2, Jan15, "MoneyDeposited", 100m),
            Row(4, _a, 3, Feb3, "MoneyDeposited", 150m),
            Row(5, _b, 2, Feb20, "MoneyDeposited", 40m),
            Row(6, _a, 4, Mar5, "MoneyWithdrawn", 120m),
            Row(7, _a, 5, Mar10, "MoneyDeposited", 140m, occurred: Jan20, outOfOrder: true), // happened before number 6 did
            Row(8, _a, 6, Mar10, "MoneyWithdrawn", 130m), // recorded at the same instant as 7, and happened after it: in order
            Row(9, _b, 3, Apr1, "OwnerForgotten", 40m, erased: true),
        ];
        using var connection = _readModels.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {HistoryTable.Columns} FROM account_history ORDER BY position";
        Assert.Equal(expected, HistoryTable.ReadRows(command));
        Assert.Equal(9, history.Dump().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var rebuilt = await history.RebuildAsync();
        Assert.True(rebuilt.Identical);
        Assert.Equal((9L, 9L), (rebuilt.Events, rebuilt.Rows));
    }

    [Fact]
    public void A_statement_for_an_account_with_no_opening_is_refused_by_name()
    {
        var orphan = new ProjectedEvent(17, _a, 2, Jan15, new MoneyDeposited(5m, null));
        var refusal = Assert.Throws<InvalidOperationException>(() =>
            new StatementsProjection().Apply(orphan, new RowOverlay<StatementRow>(new Dictionary<string, StatementRow>())).ToList());
        Assert.Equal($"Account {_a.Value} has an event at position 17 but no statement before it.", refusal.Message);
    }

    /// <summary>Up to position 5 with one runner, the rest with a fresh one (its rows loaded from the table, not remembered).</summary>
    private async Task<IProjectionRunner> BuildInTwoRunsAsync<TRow>(IProjection<TRow> projection) where TRow : IReadModelRow
    {
        await _readModels.Runner(projection, _ledger.Store, _ledger.Keys).RedeliverAsync(5);
        var resumed = _readModels.Runner(projection, _ledger.Store, _ledger.Keys);
        Assert.Equal(4, await resumed.CatchUpAsync());
        return resumed;
    }

    private static string Line(AccountId id, string month, string opening, string credits, string debits, string closing, int events) =>
        string.Join('\t', id.Value, month, "EUR", opening, credits, debits, closing, events.ToString(CultureInfo.InvariantCulture));

    /// <summary>As the dump orders them (account, then month; SQLite compares text by its bytes), one per line.</summary>
    private static string Ordered(IEnumerable<string> lines) => string.Concat(lines.Order(StringComparer.Ordinal).Select(line => line + "\n"));

    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 9, 0, 0, TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }
}
