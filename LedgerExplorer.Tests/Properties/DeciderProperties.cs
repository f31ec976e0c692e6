using CsCheck;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Tests.Properties;

/// <summary>
/// The decider's rules over generated command sequences (CsCheck: thousands of random sequences, a failing one shrunk
/// to the shortest that still fails), where the example specs (AccountDeciderSpecs) check one case each.
/// </summary>
public sealed class DeciderProperties
{
    private static readonly Gen<IAccountCommand> Command = Gen.Frequency<IAccountCommand>(
        (1, Gen.Const<IAccountCommand>(new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"))),
        (6, Gen.Int[1, 200_000].Select(cents => (IAccountCommand)new Deposit(cents / 100m))),
        (6, Gen.Int[1, 400_000].Select(cents => (IAccountCommand)new Withdraw(cents / 100m))),
        (2, Gen.Int[0, 2].Select(plan => (IAccountCommand)new ChangePlan((Plan)plan))),
        (1, Gen.Const<IAccountCommand>(new CloseAccount())),
        (1, Gen.Const<IAccountCommand>(new ForgetOwner())));

    private static readonly Gen<IAccountCommand[]> Commands = Command.Array[1, 60];

    /// <summary>Decides each command on the state so far and folds what it accepted: the way every command is handled.</summary>
    private static IEnumerable<(IAccountCommand Command, Decision Decision, AccountState Before, AccountState After)> Run(IAccountCommand[] commands)
    {
        var state = AccountDecider.Initial;
        foreach (var command in commands)
        {
            var decision = AccountDecider.Decide(command, state);
            var before = state;
            foreach (var e in EventsOf(decision)) state = AccountDecider.Evolve(state, e); // never throws: Decide only accepts what Evolve takes
            yield return (command, decision, before, state);
        }
    }

    private static IReadOnlyList<IAccountEvent> EventsOf(Decision decision) => decision is Decision.Accepted accepted ? accepted.Events : [];

    [Fact]
    public void The_balance_never_goes_below_the_plans_overdraft_whatever_is_asked() =>
        Commands.Sample(commands =>
        {
            foreach (var (_, _, _, after) in Run(commands))
            {
                if (after is AccountState.Active active) Assert.True(active.Balance >= -PlanTerms.For(active.Plan).OverdraftLimit, $"balance {active.Balance} on {active.Plan}");
            }
        });

    [Fact]
    public void A_refusal_changes_nothing_and_an_acceptance_changes_exactly_what_its_events_say() =>
        Commands.Sample(commands =>
        {
            foreach (var (_, decision, before, after) in Run(commands))
            {
                if (decision is Decision.Refused) Assert.Equal(before, after);
                Assert.Equal(EventsOf(decision).Aggregate(before, AccountDecider.Evolve), after);
            }
        });

    [Fact]
    public void An_account_closes_only_at_zero_and_then_accepts_nothing_but_a_forget() =>
        Commands.Sample(commands =>
        {
            foreach (var (command, decision, before, after) in Run(commands))
            {
                if (after is AccountState.Closed && before is AccountState.Active active) Assert.Equal(0m, active.Balance);
                if (before is AccountState.Closed && command is not ForgetOwner) Assert.IsType<Decision.Refused>(decision);
            }
        });

    [Fact]
    public void The_balance_is_the_sum_of_the_accepted_deposits_less_the_accepted_withdrawals() =>
        Commands.Sample(commands =>
        {
            var expected = 0m;
            foreach (var (_, decision, _, after) in Run(commands))
            {
                foreach (var e in EventsOf(decision))
                {
                    expected += e switch { MoneyDeposited d => d.Amount, MoneyWithdrawn w => -w.Amount, _ => 0m };
                }

                if (after is AccountState.Active active) Assert.Equal(expected, active.Balance);
            }
        });
}
