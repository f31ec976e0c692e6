namespace LedgerExplorer.Core.Domain;

/// <summary>
/// The account ledger as a decider: <see cref="Decide"/> turns a command and the current state into
/// events (or a refusal); <see cref="Evolve"/> folds one event into the state. Both are pure: no clock,
/// no ids, no I/O. Every load, temporal query, snapshot and projection reuses <see cref="Evolve"/>.
/// </summary>
public static class AccountDecider
{
    public static AccountState Initial => AccountState.Unopened.Instance;

    /// <summary>Decides a command that asks nothing about business time (see the overload for those that do).</summary>
    public static Decision Decide(IAccountCommand command, AccountState state) => Decide(command, state, null);

    /// <summary>
    /// Decides any command. <paramref name="timeline"/> — today, the opening, the postings with their business times —
    /// is needed by the commands about time (a backdated posting, a reversal, a statement) and only by them
    /// (<see cref="NeedsTimeline"/>): the shell gathers it from the stream, the rules stay here.
    /// </summary>
    public static Decision Decide(IAccountCommand command, AccountState state, AccountTimeline? timeline) => (command, state) switch
    {
        (OpenAccount open, AccountState.Unopened) => OpenNew(open),
        (OpenAccount, _) => Decision.Refuse(DomainError.Rejected("account_exists", "This account is already open.")),

        (_, AccountState.Unopened) => Decision.Refuse(DomainError.NotFound("No such account: it has never been opened.")),

        // Erasure is a right even after an account is closed; asking twice is harmless (no new event).
        (ForgetOwner, AccountState.Active { OwnerName: PersonalData.Erased } or AccountState.Closed { OwnerName: PersonalData.Erased }) => Decision.Accept(),
        (ForgetOwner, _) => Decision.Accept(new OwnerForgotten()),

        (_, AccountState.Closed) => Decision.Refuse(DomainError.Rejected("account_closed", "The account is closed and accepts no further commands.")),

        (Deposit deposit, AccountState.Active) =>
            Validate(AccountRules.CheckAmount(deposit.Amount), AccountRules.CheckReference(deposit.Reference), CheckBackdating(deposit.Backdated, timeline))
            ?? Posted(deposit.Backdated, new MoneyDeposited(deposit.Amount, deposit.Reference)),

        (Withdraw withdraw, AccountState.Active active) =>
            Validate(AccountRules.CheckAmount(withdraw.Amount), AccountRules.CheckReference(withdraw.Reference), CheckBackdating(withdraw.Backdated, timeline))
            ?? WithdrawWithinOverdraft(withdraw, active, timeline),

        (ReverseTransaction reverse, AccountState.Active) => Reverse(reverse, Require(timeline, command)),

        (IssueStatement issue, AccountState.Active) => Issue(issue, Require(timeline, command)),

        (ChangePlan change, AccountState.Active active) when change.NewPlan == active.Plan =>
            Decision.Refuse(DomainError.Rejected("plan_unchanged", $"The account is already on the {active.Plan} plan.")),
        (ChangePlan change, AccountState.Active active) when active.Balance < -PlanTerms.For(change.NewPlan).OverdraftLimit =>
            Decision.Refuse(DomainError.Rejected("overdraft_exceeds_plan",
                $"The balance {active.Balance:0.00} is below the {change.NewPlan} plan's overdraft limit of {PlanTerms.For(change.NewPlan).OverdraftLimit:0.00}.")),
        (ChangePlan change, AccountState.Active) => Decision.Accept(new PlanChanged(change.NewPlan)),

        (CloseAccount, AccountState.Active { Balance: not 0m } active) =>
            Decision.Refuse(DomainError.Rejected("balance_not_zero", $"Only an account with a zero balance can be closed (balance is {active.Balance:0.00}).")),
        (CloseAccount, AccountState.Active) => Decision.Accept(new AccountClosed()),

        // Stryker disable once String : unreachable — every command is matched above; the arm is the compiler's exhaustiveness guard
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command."),
    };

    public static AccountState Evolve(AccountState state, IAccountEvent @event) => (state, @event) switch
    {
        (AccountState.Unopened, AccountOpened opened) => new AccountState.Active(opened.OwnerName, opened.Plan, opened.Currency, 0m),
        (AccountState.Active active, MoneyDeposited deposited) => active with { Balance = active.Balance + deposited.Amount },
        (AccountState.Active active, MoneyWithdrawn withdrawn) => active with { Balance = active.Balance - withdrawn.Amount },
        (AccountState.Active active, TransactionReversed reversed) => active with { Balance = active.Balance + reversed.BalanceChange },
        (AccountState.Active or AccountState.Closed, StatementIssued) => state,
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

    /// <summary>The commands whose rules ask about business time: the shell gathers an <see cref="AccountTimeline"/> for these.</summary>
    public static bool NeedsTimeline(IAccountCommand command) =>
        command is Deposit { Backdated: not null } or Withdraw { Backdated: not null } or ReverseTransaction or IssueStatement;

    /// <summary>
    /// A withdrawal may not take more than the plan's overdraft allows. A backdated one is decided on its business
    /// time as well: posted then, the running balance from then through today — every later posting on top of it — must
    /// never have gone below the overdraft limit (of today's plan). A late posting that would have overdrawn the
    /// account back then is refused, though the balance today could take it: the ledger does not invent an overdraft
    /// in its own history.
    /// </summary>
    private static Decision WithdrawWithinOverdraft(Withdraw withdraw, AccountState.Active active, AccountTimeline? timeline)
    {
        var overdraft = PlanTerms.For(active.Plan).OverdraftLimit;
        var available = active.Balance + overdraft;
        if (withdraw.Amount > available)
        {
            return Decision.Refuse(DomainError.Rejected("insufficient_funds",
                $"Cannot withdraw {withdraw.Amount:0.00}: the balance is {active.Balance:0.00} and the {active.Plan} plan allows an overdraft of {overdraft:0.00}, so at most {available:0.00} is available."));
        }

        if (withdraw.Backdated is { } backdated && Require(timeline, withdraw).LowestBalanceFrom(backdated.OccurredAt, -withdraw.Amount) is var lowest && lowest < -overdraft)
        {
            return Decision.Refuse(DomainError.Rejected("insufficient_funds_then",
                $"Cannot post a withdrawal of {withdraw.Amount:0.00} on {backdated.OccurredAt:yyyy-MM-dd HH:mm}: from then on the balance would have fallen to {lowest:0.00}, below the {active.Plan} plan's overdraft limit of {overdraft:0.00}."));
        }

        return Posted(withdraw.Backdated, new MoneyWithdrawn(withdraw.Amount, withdraw.Reference));
    }

    private static Decision Posted(Backdating? backdated, IAccountEvent posted) =>
        backdated is null ? Decision.Accept(posted) : Decision.AcceptAsOf(backdated.OccurredAt, posted);

    /// <summary>A late posting must say why, must not be in the future, and must not be before the account existed.</summary>
    private static DomainError? CheckBackdating(Backdating? backdated, AccountTimeline? timeline)
    {
        if (backdated is null) return null;
        var now = Require(timeline, backdated).Now;
        return AccountRules.CheckReason(backdated.Reason)
               ?? (backdated.OccurredAt > now
                   ? DomainError.Invalid("occurred_in_future", $"A posting cannot have happened in the future ({backdated.OccurredAt:yyyy-MM-dd HH:mm:ss} is after now, {now:yyyy-MM-dd HH:mm:ss}).")
                   : null)
               ?? (timeline!.OpenedAt is { } opened && backdated.OccurredAt < opened
                   ? DomainError.Invalid("occurred_before_opening", $"A posting cannot have happened before the account was opened ({opened:yyyy-MM-dd HH:mm:ss}).")
                   : null);
    }

    /// <summary>
    /// A reversal names an earlier deposit or withdrawal of this account that has not been reversed already, and says
    /// why. It is not held to the overdraft: it corrects the ledger (money that was never the customer's, or never
    /// left), it is not the customer spending.
    /// </summary>
    private static Decision Reverse(ReverseTransaction reverse, AccountTimeline timeline)
    {
        if (AccountRules.CheckReason(reverse.Reason) is { } invalid) return Decision.Refuse(invalid);
        return timeline.Find(reverse.EventId) switch
        {
            null => Decision.Refuse(DomainError.Rejected("not_reversible", $"Event {reverse.EventId} is not a deposit or withdrawal of this account.")),
            { ReversedBy: { } by } => Decision.Refuse(DomainError.Rejected("already_reversed", $"Event {reverse.EventId} was already reversed (by event {by}).")),
            var posting => Decision.AcceptAsOf(posting.OccurredAt, new TransactionReversed(posting.EventId, -posting.BalanceChange)),
        };
    }

    /// <summary>A statement goes out once, for a month that has ended and in which the account was open.</summary>
    private static Decision Issue(IssueStatement issue, AccountTimeline timeline)
    {
        if (!AccountTimeline.TryParseMonth(issue.Month, out var start))
            return Decision.Refuse(DomainError.Invalid("month_invalid", $"'{issue.Month}' is not a month (yyyy-MM)."));
        var end = start.AddMonths(1);
        if (end > timeline.Now) return Decision.Refuse(DomainError.Rejected("month_not_over", $"The statement for {issue.Month} can be issued once the month is over."));
        if (timeline.OpenedAt is { } opened && end <= opened) return Decision.Refuse(DomainError.Rejected("month_before_opening", $"The account was opened after {issue.Month}."));
        if (timeline.IssuedStatements.Contains(issue.Month)) return Decision.Refuse(DomainError.Rejected("statement_issued", $"The statement for {issue.Month} was already issued."));
        return Decision.Accept(new StatementIssued(issue.Month));
    }

    private static AccountTimeline Require(AccountTimeline? timeline, object command) =>
        timeline ?? throw new InvalidOperationException($"{command.GetType().Name} is decided on the account's timeline: pass one.");

    private static DomainError? CheckPlan(Plan plan) =>
        Enum.IsDefined(plan) ? null : DomainError.Invalid("plan_unknown", $"Unknown plan '{plan}'.");

    private static Decision? Validate(params DomainError?[] checks) =>
        checks.FirstOrDefault(error => error is not null) is { } error ? Decision.Refuse(error) : null;
}
