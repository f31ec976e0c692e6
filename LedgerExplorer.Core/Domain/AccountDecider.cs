namespace LedgerExplorer.Core.Domain;

/// <summary>
/// The account ledger as a decider: <see cref="Decide"/> turns a command and the current state into
/// events (or a refusal); <see cref="Evolve"/> folds one event into the state. Both are pure: no clock,
/// no ids, no I/O. Every load, temporal query, snapshot and projection reuses <see cref="Evolve"/>.
/// </summary>
public static class AccountDecider
{
    public static AccountState Initial => AccountState.Unopened.Instance;

    public static Decision Decide(IAccountCommand command, AccountState state) => (command, state) switch
    {
        (OpenAccount open, AccountState.Unopened) => OpenNew(open),
        (OpenAccount, _) => Decision.Refuse(DomainError.Rejected("account_exists", "This account is already open.")),

        (_, AccountState.Unopened) => Decision.Refuse(DomainError.NotFound("No such account: it has never been opened.")),

        // Erasure is a right even after an account is closed; asking twice is harmless (no new event).
        (ForgetOwner, AccountState.Active { OwnerName: PersonalData.Erased } or AccountState.Closed { OwnerName: PersonalData.Erased }) => Decision.Accept(),
        (ForgetOwner, _) => Decision.Accept(new OwnerForgotten()),

        (_, AccountState.Closed) => Decision.Refuse(DomainError.Rejected("account_closed", "The account is closed and accepts no further commands.")),

        (Deposit deposit, AccountState.Active) =>
            Validate(AccountRules.CheckAmount(deposit.Amount), AccountRules.CheckReference(deposit.Reference))
            ?? Decision.Accept(new MoneyDeposited(deposit.Amount, deposit.Reference)),

        (Withdraw withdraw, AccountState.Active active) =>
            Validate(AccountRules.CheckAmount(withdraw.Amount), AccountRules.CheckReference(withdraw.Reference))
            ?? WithdrawWithinOverdraft(withdraw, active),

        (ChangePlan change, AccountState.Active active) when change.NewPlan == active.Plan =>
            Decision.Refuse(DomainError.Rejected("plan_unchanged", $"The account is already on the {active.Plan} plan.")),
        (ChangePlan change, AccountState.Active active) when active.Balance < -PlanTerms.For(change.NewPlan).OverdraftLimit =>
            Decision.Refuse(DomainError.Rejected("overdraft_exceeds_plan",
                $"The balance {active.Balance:0.00} is below the {change.NewPlan} plan's overdraft limit of {PlanTerms.For(change.NewPlan).OverdraftLimit:0.00}.")),
        (ChangePlan change, AccountState.Active) => Decision.Accept(new PlanChanged(change.NewPlan)),

        (CloseAccount, AccountState.Active { Balance: not 0m } active) =>
            Decision.Refuse(DomainError.Rejected("balance_not_zero", $"Only an account with a zero balance can be closed (balance is {active.Balance:0.00}).")),
        (CloseAccount, AccountState.Active) => Decision.Accept(new AccountClosed()),

        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command."),
    };

    public static AccountState Evolve(AccountState state, IAccountEvent @event) => (state, @event) switch
    {
        (AccountState.Unopened, AccountOpened opened) => new AccountState.Active(opened.OwnerName, opened.Plan, opened.Currency, 0m),
        (AccountState.Active active, MoneyDeposited deposited) => active with { Balance = active.Balance + deposited.Amount },
        (AccountState.Active active, MoneyWithdrawn withdrawn) => active with { Balance = active.Balance - withdrawn.Amount },
        (AccountState.Active active, PlanChanged changed) => active with { Plan = changed.NewPlan },
        (AccountState.Active active, AccountClosed) => new AccountState.Closed(active.OwnerName, active.Plan, active.Currency),
        (AccountState.Active active, OwnerForgotten) => active with { OwnerName = PersonalData.Erased },
        (AccountState.Closed closed, OwnerForgotten) => closed with { OwnerName = PersonalData.Erased },
        // An event the state cannot take means the log and the code disagree: fail loudly, never guess.
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow an account in state {state.GetType().Name}."),
    };

    public static AccountState Fold(IEnumerable<IAccountEvent> events) => events.Aggregate(Initial, Evolve);

    private static Decision OpenNew(OpenAccount open) =>
        Validate(AccountRules.CheckOwnerName(open.OwnerName), AccountRules.CheckCurrency(open.Currency), CheckPlan(open.Plan))
        ?? Decision.Accept(new AccountOpened(open.OwnerName, open.Plan, open.Currency));

    private static Decision WithdrawWithinOverdraft(Withdraw withdraw, AccountState.Active active)
    {
        var overdraft = PlanTerms.For(active.Plan).OverdraftLimit;
        var available = active.Balance + overdraft;
        return withdraw.Amount > available
            ? Decision.Refuse(DomainError.Rejected("insufficient_funds",
                $"Cannot withdraw {withdraw.Amount:0.00}: the balance is {active.Balance:0.00} and the {active.Plan} plan allows an overdraft of {overdraft:0.00}, so at most {available:0.00} is available."))
            : Decision.Accept(new MoneyWithdrawn(withdraw.Amount, withdraw.Reference));
    }

    private static DomainError? CheckPlan(Plan plan) =>
        Enum.IsDefined(plan) ? null : DomainError.Invalid("plan_unknown", $"Unknown plan '{plan}'.");

    private static Decision? Validate(params DomainError?[] checks) =>
        checks.FirstOrDefault(error => error is not null) is { } error ? Decision.Refuse(error) : null;
}
