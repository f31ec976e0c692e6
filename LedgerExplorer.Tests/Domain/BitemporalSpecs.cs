using LedgerExplorer.Core.Domain;
using static LedgerExplorer.Tests.Domain.DeciderSpec;
using static LedgerExplorer.Tests.Domain.History;

namespace LedgerExplorer.Tests.Domain;

/// <summary>
/// Late postings, reversals and statements: the rules about business time, decided on the account's timeline. The
/// account opened on 1 Sep; today is 1 Dec; it holds 100 deposited on 10 Sep and 80 withdrawn on 20 Oct (Basic: no overdraft).
/// </summary>
public sealed class BitemporalSpecs
{
    private static readonly DateTimeOffset OpenedAt = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Today = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Salary = Guid.Parse("0190d000-0000-7000-8000-000000000001");
    private static readonly Guid Rent = Guid.Parse("0190d000-0000-7000-8000-000000000002");

    private static AccountTimeline Timeline(params Posting[] extra) => new(Today, OpenedAt,
        [new Posting(Salary, 2, 100m, new(2026, 9, 10, 0, 0, 0, TimeSpan.Zero), null), new Posting(Rent, 3, -80m, new(2026, 10, 20, 0, 0, 0, TimeSpan.Zero), null), .. extra],
        new HashSet<string> { "2026-09" });

    private static When Account => Given(Opened(Plan.Basic), Deposited(100), Withdrawn(80));

    [Fact]
    public void A_late_deposit_takes_the_business_time_it_names()
    {
        var october = new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
        Account.WhenCommand(new Deposit(500m, "salary", new Backdating(october, "posted late by the payroll bureau")), Timeline())
            .ThenAsOf(october, new MoneyDeposited(500m, "salary"));
    }

    [Fact]
    public void A_late_posting_cannot_be_in_the_future() =>
        Account.WhenCommand(new Deposit(5m, null, new Backdating(Today.AddMinutes(1), "typo")), Timeline()).ThenRefused(ErrorKind.Invalid, "occurred_in_future");

    [Fact]
    public void A_late_posting_cannot_be_before_the_account_opened() =>
        Account.WhenCommand(new Deposit(5m, null, new Backdating(OpenedAt.AddSeconds(-1), "typo")), Timeline()).ThenRefused(ErrorKind.Invalid, "occurred_before_opening");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("why\u202E")]
    public void A_late_posting_says_why(string reason) =>
        Account.WhenCommand(new Deposit(5m, null, new Backdating(OpenedAt.AddDays(1), reason)), Timeline()).ThenRefused(ErrorKind.Invalid, reason.Trim().Length == 0 ? "reason_required" : "reason_malformed");

    [Fact]
    public void A_late_withdrawal_that_today_could_take_but_that_would_have_overdrawn_the_account_then_is_refused()
    {
        // Posted on 15 Sep, 15 leaves 85 then and 5 after the rent; 20 leaves exactly 0 after it: both fine on Basic.
        var september = new DateTimeOffset(2026, 9, 15, 0, 0, 0, TimeSpan.Zero);
        Account.WhenCommand(new Withdraw(15m, null, new Backdating(september, "card settled late")), Timeline()).ThenAsOf(september, new MoneyWithdrawn(15m, null));
        Account.WhenCommand(new Withdraw(20m, null, new Backdating(september, "card settled late")), Timeline()).ThenAsOf(september, new MoneyWithdrawn(20m, null));

        // With 50 more deposited an hour ago the balance is 70: 60 is within it today, but posted on 15 Sep it would
        // have taken the account to -40 after the rent, for five weeks — refused.
        var richer = Given(Opened(Plan.Basic), Deposited(100), Withdrawn(80), Deposited(50));
        var timeline = Timeline(new Posting(Guid.NewGuid(), 4, 50m, Today.AddHours(-1), null));
        richer.WhenCommand(new Withdraw(60m, null, new Backdating(september, "card settled late")), timeline).ThenRefused(ErrorKind.Rejected, "insufficient_funds_then");
    }

    [Fact]
    public void A_reversal_takes_back_a_posting_at_its_business_time() =>
        Account.WhenCommand(new ReverseTransaction(Rent, "charged twice"), Timeline())
            .ThenAsOf(new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero), new TransactionReversed(Rent, 80m));

    [Fact]
    public void A_reversal_of_an_unknown_event_or_of_one_already_reversed_is_refused()
    {
        Account.WhenCommand(new ReverseTransaction(Guid.NewGuid(), "no such thing"), Timeline()).ThenRefused(ErrorKind.Rejected, "not_reversible");
        var reversed = Timeline() with { Postings = [new Posting(Rent, 3, -80m, Today.AddMonths(-1), ReversedBy: Guid.NewGuid())] };
        Account.WhenCommand(new ReverseTransaction(Rent, "again"), reversed).ThenRefused(ErrorKind.Rejected, "already_reversed");
        Account.WhenCommand(new ReverseTransaction(Rent, ""), Timeline()).ThenRefused(ErrorKind.Invalid, "reason_required");
    }

    [Fact]
    public void A_reversal_changes_the_balance_by_the_opposite_of_the_posting() =>
        Assert.Equal(100m, ((AccountState.Active)AccountDecider.Fold([Opened(), Deposited(100), Withdrawn(80), new TransactionReversed(Rent, 80m)])).Balance);

    [Fact]
    public void A_statement_goes_out_once_for_a_month_that_is_over_and_in_which_the_account_was_open()
    {
        Account.WhenCommand(new IssueStatement("2026-10"), Timeline()).Then(new StatementIssued("2026-10"));
        Account.WhenCommand(new IssueStatement("2026-09"), Timeline()).ThenRefused(ErrorKind.Rejected, "statement_issued");
        Account.WhenCommand(new IssueStatement("2026-12"), Timeline()).ThenRefused(ErrorKind.Rejected, "month_not_over");
        Account.WhenCommand(new IssueStatement("2026-08"), Timeline()).ThenRefused(ErrorKind.Rejected, "month_before_opening");
        Account.WhenCommand(new IssueStatement("October"), Timeline()).ThenRefused(ErrorKind.Invalid, "month_invalid");
    }

    [Fact]
    public void A_command_about_time_without_a_timeline_is_a_programming_error() =>
        Assert.Throws<InvalidOperationException>(() => AccountDecider.Decide(new ReverseTransaction(Rent, "x"), Account.State));
}
