using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections.Statements;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

[Trait("Proof", "SecondProjection")]
public sealed class SecondProjectionProofTests
{
    private static DateTimeOffset Utc(int month, int day, int hour = 12, int minute = 0, int second = 0) => new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public async Task Statements_registered_after_the_history_build_themselves_from_position_0_and_match_figures_worked_by_hand()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var writer = new LedgerWriter(ledger.Store, ledger.Keys, Utc(1, 1));
        var a = AccountId.Parse("aaaa00000001");
        var b = AccountId.Parse("bbbb00000002");

        // The history is written first; the statements projection does not exist yet.
        await writer.At(Utc(1, 10)).Do(a, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        await writer.At(Utc(1, 12)).Do(a, new Deposit(1_000.00m));
        await writer.At(Utc(1, 20)).Do(a, new Withdraw(250.50m));
        await writer.At(Utc(2, 3)).Do(a, new Deposit(300.00m));
        await writer.At(Utc(2, 14)).Do(a, new ChangePlan(Plan.Plus), actor: "bob");
        await writer.At(Utc(2, 27)).Do(a, new Withdraw(1_200.00m)); // into the Plus overdraft: 1,049.50 − 1,200.00
        await writer.At(Utc(2, 28, 23, 59, 59)).Do(b, new OpenAccount("Barbara Liskov", Plan.Premium, "USD"));
        await writer.At(Utc(3, 1, 0, 0, 0)).Do(b, new Deposit(50.00m)); // the first instant of March belongs to March
        // No March activity on A: April opens from February's closing.
        await writer.At(Utc(4, 1, 0, 0, 0)).Do(a, new Deposit(150.50m));
        await writer.At(Utc(4, 30, 23, 59, 59)).Do(a, new Withdraw(20.00m));

        var runner = readModels.Runner(new StatementsProjection(), ledger.Store, ledger.Keys);
        Assert.Equal(0, (await runner.GetStatusAsync()).Checkpoint);
        await runner.CatchUpAsync();

        // account, month, currency, opening, credits, debits, closing, events — worked out by hand above.
        const string expected =
            "aaaa00000001\t2026-01\tEUR\t0.00\t1000.00\t250.50\t749.50\t3\n" +
            "aaaa00000001\t2026-02\tEUR\t749.50\t300.00\t1200.00\t-150.50\t3\n" +
            "aaaa00000001\t2026-04\tEUR\t-150.50\t150.50\t20.00\t-20.00\t2\n" +
            "bbbb00000002\t2026-02\tUSD\t0.00\t0.00\t0.00\t0.00\t1\n" +
            "bbbb00000002\t2026-03\tUSD\t0.00\t50.00\t0.00\t50.00\t1\n";
        Assert.Equal(expected, runner.Dump());
        Assert.Equal(10, (await runner.GetStatusAsync()).Checkpoint);

        var rebuild = await runner.RebuildAsync();

        Assert.True(rebuild.Identical);
        Assert.Equal(expected, runner.Dump());
    }
}
