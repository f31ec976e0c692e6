using LedgerExplorer.Core.Domain;
using static LedgerExplorer.Tests.Domain.DeciderSpec;
using static LedgerExplorer.Tests.Domain.History;

namespace LedgerExplorer.Tests.Domain;

public sealed class OpeningSpecs
{
    [Fact]
    public void A_new_account_opens_with_its_owner_plan_and_currency() =>
        Given().WhenCommand(new OpenAccount("Ada Lovelace", Plan.Plus, "GBP")).Then(new AccountOpened("Ada Lovelace", Plan.Plus, "GBP"));

    [Fact]
    public void An_account_cannot_be_opened_twice() =>
        Given(Opened()).WhenCommand(new OpenAccount("Ada Lovelace", Plan.Plus, "GBP")).ThenRefused(ErrorKind.Rejected, "account_exists");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" Ada")]
    [InlineData("Ada\u0000Lovelace")]
    public void An_owner_name_must_be_present_and_clean(string owner) =>
        Given().WhenCommand(new OpenAccount(owner, Plan.Basic, "EUR")).ThenRefused(ErrorKind.Invalid, owner.Trim().Length == 0 ? "owner_missing" : "owner_malformed");

    [Fact]
    public void An_owner_name_has_a_length_limit() =>
        Given().WhenCommand(new OpenAccount(new string('x', AccountRules.MaxOwnerNameLength + 1), Plan.Basic, "EUR")).ThenRefused(ErrorKind.Invalid, "owner_too_long");

    [Theory]
    [InlineData("XYZ")]
    [InlineData("eur")]
    [InlineData("")]
    public void Only_known_currencies_are_accepted(string currency) =>
        Given().WhenCommand(new OpenAccount("Ada", Plan.Basic, currency)).ThenRefused(ErrorKind.Invalid, "currency_unknown");

    [Fact]
    public void An_undefined_plan_is_refused() =>
        Given().WhenCommand(new OpenAccount("Ada", (Plan)42, "EUR")).ThenRefused(ErrorKind.Invalid, "plan_unknown");
}

public sealed class MoneySpecs
{
    [Fact]
    public void A_deposit_records_the_amount() =>
        Given(Opened()).WhenCommand(new Deposit(12.34m, "gift")).Then(new MoneyDeposited(12.34m, "gift"));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Amounts_must_be_positive(string amount) =>
        Given(Opened()).WhenCommand(new Deposit(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))).ThenRefused(ErrorKind.Invalid, "amount_not_positive");

    [Fact]
    public void Amounts_have_at_most_two_decimal_places() =>
        Given(Opened(), Deposited(100)).WhenCommand(new Withdraw(1.005m)).ThenRefused(ErrorKind.Invalid, "amount_too_precise");

    [Fact]
    public void Trailing_zeros_do_not_count_as_precision() =>
        Given(Opened()).WhenCommand(new Deposit(1.500m)).Then(new MoneyDeposited(1.500m, null));

    [Fact]
    public void Amounts_have_a_sane_upper_bound() =>
        Given(Opened()).WhenCommand(new Deposit(AccountRules.MaxAmount + 0.01m)).ThenRefused(ErrorKind.Invalid, "amount_too_large");

    [Fact]
    public void The_upper_bound_itself_is_allowed() =>
        Given(Opened()).WhenCommand(new Deposit(AccountRules.MaxAmount)).Then(new MoneyDeposited(AccountRules.MaxAmount, null));

    [Fact]
    public void A_reference_has_a_length_limit() =>
        Given(Opened()).WhenCommand(new Deposit(1m, new string('r', AccountRules.MaxReferenceLength + 1))).ThenRefused(ErrorKind.Invalid, "reference_too_long");

    [Fact]
    public void A_withdrawal_within_the_balance_is_recorded() =>
        Given(Opened(), Deposited(100)).WhenCommand(new Withdraw(100)).Then(new MoneyWithdrawn(100, null));

    [Fact]
    public void Cannot_withdraw_more_than_the_balance_on_a_plan_without_overdraft() =>
        Given(Opened(Plan.Basic), Deposited(100)).WhenCommand(new Withdraw(100.01m)).ThenRefused(ErrorKind.Rejected, "insufficient_funds");

    [Fact]
    public void Can_withdraw_into_the_overdraft_the_plan_allows() =>
        Given(Opened(Plan.Plus), Deposited(100)).WhenCommand(new Withdraw(600)).Then(new MoneyWithdrawn(600, null));

    [Fact]
    public void Cannot_withdraw_more_than_balance_plus_overdraft() =>
        Given(Opened(Plan.Plus), Deposited(100)).WhenCommand(new Withdraw(600.01m)).ThenRefused(ErrorKind.Rejected, "insufficient_funds");

    [Fact]
    public void The_overdraft_is_the_current_plans_after_a_plan_change() =>
        Given(Opened(Plan.Basic), new PlanChanged(Plan.Premium)).WhenCommand(new Withdraw(2_000)).Then(new MoneyWithdrawn(2_000, null));
}

public sealed class PlanSpecs
{
    [Fact]
    public void A_plan_change_records_only_the_new_plan() =>
        Given(Opened(Plan.Basic)).WhenCommand(new ChangePlan(Plan.Premium)).Then(new PlanChanged(Plan.Premium));

    [Fact]
    public void Changing_to_the_current_plan_is_refused() =>
        Given(Opened(Plan.Plus)).WhenCommand(new ChangePlan(Plan.Plus)).ThenRefused(ErrorKind.Rejected, "plan_unchanged");

    [Fact]
    public void Cannot_move_to_a_plan_whose_overdraft_does_not_cover_the_balance() =>
        Given(Opened(Plan.Plus), Withdrawn(200)).WhenCommand(new ChangePlan(Plan.Basic)).ThenRefused(ErrorKind.Rejected, "overdraft_exceeds_plan");
}

public sealed class ClosingSpecs
{
    [Fact]
    public void An_account_with_a_zero_balance_closes() =>
        Given(Opened(), Deposited(50), Withdrawn(50)).WhenCommand(new CloseAccount()).Then(new AccountClosed());

    [Fact]
    public void An_account_with_money_in_it_cannot_close() =>
        Given(Opened(), Deposited(50)).WhenCommand(new CloseAccount()).ThenRefused(ErrorKind.Rejected, "balance_not_zero");

    [Fact]
    public void An_overdrawn_account_cannot_close() =>
        Given(Opened(Plan.Plus), Withdrawn(10)).WhenCommand(new CloseAccount()).ThenRefused(ErrorKind.Rejected, "balance_not_zero");

    public static TheoryData<IAccountCommand> EveryCommand => new()
    {
        new Deposit(1), new Withdraw(1), new ChangePlan(Plan.Premium), new CloseAccount(), new OpenAccount("Ada", Plan.Basic, "EUR"),
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void A_closed_account_refuses_everything(IAccountCommand command)
    {
        var outcome = Given(Opened(), new AccountClosed()).WhenCommand(command);
        outcome.ThenRefused(ErrorKind.Rejected, command is OpenAccount ? "account_exists" : "account_closed");
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void An_account_never_opened_is_not_found_except_to_open_it(IAccountCommand command)
    {
        var outcome = Given().WhenCommand(command);
        if (command is OpenAccount) Assert.IsType<Decision.Accepted>(outcome.Decision);
        else outcome.ThenRefused(ErrorKind.NotFound, "account_not_found");
    }
}

public sealed class EvolveSpecs
{
    [Fact]
    public void The_fold_tracks_balance_plan_and_status()
    {
        var state = AccountDecider.Fold([Opened(Plan.Basic, "Grace", "USD"), Deposited(100), Withdrawn(30.5m), new PlanChanged(Plan.Plus), Deposited(0.5m)]);

        Assert.Equal(new AccountState.Active("Grace", Plan.Plus, "USD", 70m), state);
    }

    [Fact]
    public void A_closed_account_keeps_who_it_belonged_to()
    {
        var state = AccountDecider.Fold([Opened(owner: "Grace"), new AccountClosed()]);

        Assert.Equal(new AccountState.Closed("Grace", Plan.Basic, "EUR"), state);
    }

    [Fact]
    public void An_event_that_cannot_follow_the_state_fails_loudly() =>
        Assert.Throws<InvalidOperationException>(() => AccountDecider.Fold([Deposited(10)]));
}
