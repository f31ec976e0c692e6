using LedgerExplorer.Core.Domain;
using static LedgerExplorer.Tests.Domain.DeciderSpec;
using static LedgerExplorer.Tests.Domain.History;

namespace LedgerExplorer.Tests.Domain;

/// <summary>
/// Every limit at its edge, and what each refusal says: the cases mutation testing found unasked (a "&lt;" that could be
/// "&lt;=", a message that could be empty, a currency list that could lose a member) — each value worked out by hand.
/// </summary>
public sealed class BoundarySpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static DomainError Refusal(Decision decision) => Assert.IsType<Decision.Refused>(decision).Error;

    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("GBP")]
    [InlineData("CHF")]
    public void Each_listed_currency_is_accepted(string currency) => Assert.Null(AccountRules.CheckCurrency(currency));

    [Fact]
    public void An_unknown_currency_is_refused_with_the_list_of_known_ones()
    {
        var error = AccountRules.CheckCurrency("eur")!;
        Assert.Equal("currency_unknown", error.Code);
        Assert.Equal("Unknown currency 'eur'; expected one of EUR, USD, GBP, CHF.", error.Message);
        Assert.Equal("currency_unknown", AccountRules.CheckCurrency(null)!.Code);
    }

    [Fact]
    public void An_owner_name_may_be_exactly_the_longest_allowed_and_no_longer()
    {
        Assert.Null(AccountRules.CheckOwnerName(new string('a', 100)));
        var error = AccountRules.CheckOwnerName(new string('a', 101))!;
        Assert.Equal(("owner_too_long", "The owner's name may be at most 100 characters (got 101)."), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("Ada\u0007", "owner_malformed")]        // one control character among letters is enough
    [InlineData(" Ada", "owner_malformed")]
    [InlineData("Ad\u200Ba", "owner_invisible_characters")]
    [InlineData("", "owner_missing")]
    public void An_owner_name_with_a_flaw_anywhere_is_refused_and_says_why(string name, string code)
    {
        var error = AccountRules.CheckOwnerName(name)!;
        Assert.Equal(code, error.Code);
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void A_reference_may_be_exactly_the_longest_allowed_and_no_longer()
    {
        Assert.Null(AccountRules.CheckReference(new string('r', 140)));
        var error = AccountRules.CheckReference(new string('r', 141))!;
        Assert.Equal(("reference_too_long", "The reference may be at most 140 characters (got 141)."), (error.Code, error.Message));
    }

    [Fact]
    public void A_reason_may_be_exactly_the_longest_allowed_and_no_longer_and_never_carry_hidden_characters()
    {
        Assert.Null(AccountRules.CheckReason(new string('w', 200)));
        var error = AccountRules.CheckReason(new string('w', 201))!;
        Assert.Equal(("reason_too_long", "The reason may be at most 200 characters (got 201)."), (error.Code, error.Message));
        Assert.Equal("reason_malformed", AccountRules.CheckReason("why\u0000")!.Code);
        Assert.NotEmpty(AccountRules.CheckReason("why\u200D")!.Message);
    }

    [Fact]
    public void A_plan_change_is_allowed_with_the_balance_exactly_at_the_new_plans_overdraft_limit()
    {
        Given(Opened(Plan.Premium), Withdrawn(500)).WhenCommand(new ChangePlan(Plan.Plus)).Then(new PlanChanged(Plan.Plus));
        var error = Refusal(Given(Opened(Plan.Premium), Withdrawn(500.01m)).WhenCommand(new ChangePlan(Plan.Plus)).Decision);
        Assert.Equal(("overdraft_exceeds_plan", "The balance -500.01 is below the Plus plan's overdraft limit of 500.00."), (error.Code, error.Message));
    }

    [Fact]
    public void An_unknown_plan_is_refused_by_name()
    {
        var error = Refusal(AccountDecider.Decide(new OpenAccount("Ada", (Plan)99, "EUR"), AccountDecider.Initial));
        Assert.Equal(("plan_unknown", "Unknown plan '99'."), (error.Code, error.Message));
        Assert.Contains("Unknown plan", Assert.Throws<ArgumentOutOfRangeException>(() => PlanTerms.For((Plan)99)).Message);
    }

    [Fact]
    public void A_refused_withdrawal_says_how_much_was_available()
    {
        var error = Refusal(Given(Opened(Plan.Plus), Deposited(20)).WhenCommand(new Withdraw(600m)).Decision);
        Assert.Equal("Cannot withdraw 600.00: the balance is 20.00 and the Plus plan allows an overdraft of 500.00, so at most 520.00 is available.", error.Message);
    }

    [Fact]
    public void A_late_withdrawal_may_dip_into_the_overdraft_as_far_as_the_plan_allows()
    {
        var then = Now.AddDays(-10);
        var timeline = new AccountTimeline(Now, Now.AddDays(-30), [new Posting(Guid.NewGuid(), 2, 100m, Now.AddDays(-20), null)], new HashSet<string>());
        // 100 then, 400 withdrawn: -300, within Plus's 500.
        Given(Opened(Plan.Plus), Deposited(100)).WhenCommand(new Withdraw(400m, null, new Backdating(then, "late card")), timeline)
            .ThenAsOf(then, new MoneyWithdrawn(400m, null));
    }

    [Fact]
    public void A_late_posting_may_be_dated_exactly_now_but_not_a_tick_later()
    {
        var timeline = new AccountTimeline(Now, Now.AddDays(-1), [], new HashSet<string>());
        Given(Opened()).WhenCommand(new Deposit(5m, null, new Backdating(Now, "at the counter")), timeline).ThenAsOf(Now, new MoneyDeposited(5m, null));
        Given(Opened()).WhenCommand(new Deposit(5m, null, new Backdating(Now.AddTicks(1), "typo")), timeline).ThenRefused(ErrorKind.Invalid, "occurred_in_future");
    }

    [Fact]
    public void A_statement_may_be_issued_the_instant_its_month_ends()
    {
        var timeline = new AccountTimeline(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Now.AddMonths(-3), [], new HashSet<string> { "2026-10" });
        Given(Opened()).WhenCommand(new IssueStatement("2026-11"), timeline).Then(new StatementIssued("2026-11"));
        var again = Refusal(Given(Opened()).WhenCommand(new IssueStatement("2026-10"), timeline).Decision);
        Assert.Equal("The statement for 2026-10 was already issued.", again.Message);
    }

    [Fact]
    public void Only_the_commands_about_business_time_need_the_timeline()
    {
        var late = new Backdating(Now, "late");
        Assert.True(AccountDecider.NeedsTimeline(new Deposit(1m, null, late)));
        Assert.True(AccountDecider.NeedsTimeline(new Withdraw(1m, null, late)));
        Assert.True(AccountDecider.NeedsTimeline(new ReverseTransaction(Guid.NewGuid(), "x")));
        Assert.True(AccountDecider.NeedsTimeline(new IssueStatement("2026-11")));
        Assert.False(AccountDecider.NeedsTimeline(new Deposit(1m)));
        Assert.False(AccountDecider.NeedsTimeline(new Withdraw(1m)));
        Assert.False(AccountDecider.NeedsTimeline(new ChangePlan(Plan.Plus)));
    }

    [Fact]
    public void A_withdrawal_takes_from_the_balance_and_a_posting_knows_which_way_it_went()
    {
        Assert.Equal(-5m, BalanceChange.Of(new MoneyWithdrawn(5m, null)));
        Assert.Equal(5m, BalanceChange.Of(new MoneyDeposited(5m, null)));
        Assert.Equal(0m, BalanceChange.Of(new PlanChanged(Plan.Plus)));
        var withdrawal = new Posting(Guid.NewGuid(), 1, -5m, Now, null);
        Assert.False(withdrawal.IsDeposit);
        Assert.Equal(5m, withdrawal.Amount);
        Assert.True((withdrawal with { BalanceChange = 5m }).IsDeposit);
    }

    [Fact]
    public void The_lowest_balance_counts_a_posting_at_the_same_instant_as_before_it_once_and_replays_ties_in_log_order()
    {
        var t0 = Now.AddDays(-3);
        var t1 = Now.AddDays(-2);
        var t2 = Now.AddDays(-1);
        var timeline = new AccountTimeline(Now, t0, [
            new Posting(Guid.NewGuid(), 1, 100m, t0, null),
            new Posting(Guid.NewGuid(), 2, -40m, t1, null),
            new Posting(Guid.NewGuid(), 3, 30m, t1, null),
            new Posting(Guid.NewGuid(), 5, -100m, t2, null),   // at t2 the log says: first +100 (position 4), then -100 (5)
            new Posting(Guid.NewGuid(), 4, 100m, t2, null),
        ], new HashSet<string>());

        // At t1: 100 - 40 + 30 - 10 = 80; later, +100 then -100: never below 80.
        Assert.Equal(80m, timeline.LowestBalanceFrom(t1, -10m));
    }

    [Fact]
    public void An_event_the_state_cannot_take_and_a_missing_timeline_are_programming_errors_that_say_what()
    {
        var evolve = Assert.Throws<InvalidOperationException>(() => AccountDecider.Evolve(AccountDecider.Initial, new MoneyDeposited(1m, null)));
        Assert.Equal("MoneyDeposited cannot follow an account in state Unopened.", evolve.Message);
        var decide = Assert.Throws<InvalidOperationException>(() => AccountDecider.Decide(new IssueStatement("2026-11"), Given(Opened()).State));
        Assert.Equal("IssueStatement is decided on the account's timeline: pass one.", decide.Message);
    }

    [Fact]
    public void An_idempotent_opening_derives_its_id_from_the_key_alone()
    {
        // SHA-256("open:k-1"), its first six bytes in lowercase hex: worked out with sha256sum, not with the code under test.
        Assert.Equal("694f3ddbec88", AccountId.ForIdempotencyKey("k-1").Value);
        Assert.NotEqual(AccountId.ForIdempotencyKey("k-1"), AccountId.ForIdempotencyKey("k-2"));
    }

    [Theory]
    [InlineData("abc-123", true)]
    [InlineData("ABC", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void An_account_id_has_one_shape(string? text, bool valid)
    {
        Assert.Equal(valid, AccountId.TryParse(text, out var id));
        if (valid) Assert.Equal(text, id.Value);
    }

    [Fact]
    public void An_account_id_is_read_from_its_stream_name_only()
    {
        Assert.True(AccountId.TryFromStreamId("account-abc", out var id));
        Assert.Equal("abc", id.Value);
        Assert.False(AccountId.TryFromStreamId("acct-abc", out _));
        Assert.False(AccountId.TryFromStreamId("account-", out _));
        Assert.Equal("'NOPE' is not an account id (1-40 of a-z, 0-9, '-').", Assert.Throws<FormatException>(() => AccountId.Parse("NOPE")).Message);
    }
}
