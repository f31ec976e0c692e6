using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Tests.Domain;

/// <summary>given these events, when this command, then these events — or this refusal.</summary>
public static class DeciderSpec
{
    public static When Given(params IAccountEvent[] history) => new(AccountDecider.Fold(history));

    public sealed record When(AccountState State)
    {
        public Outcome WhenCommand(IAccountCommand command) => new(AccountDecider.Decide(command, State));
    }

    public sealed record Outcome(Decision Decision)
    {
        public void Then(params IAccountEvent[] expected) =>
            Assert.Equal(expected, Assert.IsType<Decision.Accepted>(Decision).Events);

        public void ThenRefused(ErrorKind kind, string code)
        {
            var error = Assert.IsType<Decision.Refused>(Decision).Error;
            Assert.Equal((kind, code), (error.Kind, error.Code));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }
}

/// <summary>Test-data builders for account histories.</summary>
public static class History
{
    public static AccountOpened Opened(Plan plan = Plan.Basic, string owner = "Ada Lovelace", string currency = "EUR") => new(owner, plan, currency);

    public static MoneyDeposited Deposited(decimal amount) => new(amount, null);

    public static MoneyWithdrawn Withdrawn(decimal amount) => new(amount, null);
}
