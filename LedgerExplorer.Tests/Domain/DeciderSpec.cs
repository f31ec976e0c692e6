using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Tests.Domain;

/// <summary>given these events, when this command, then these events — or this refusal.</summary>
public static class DeciderSpec
{
    public static When Given(params IAccountEvent[] history) => new(AccountDecider.Fold(history));

    public sealed record When(AccountState State)
    {
        public Outcome WhenCommand(IAccountCommand command) => new(AccountDecider.Decide(command, State));

        /// <summary>A command about business time, decided on the account's timeline.</summary>
        public Outcome WhenCommand(IAccountCommand command, AccountTimeline timeline) => new(AccountDecider.Decide(command, State, timeline));
    }

    public sealed record Outcome(Decision Decision)
    {
        public void Then(params IAccountEvent[] expected) =>
            Assert.Equal(expected, Assert.IsType<Decision.Accepted>(Decision).Events);

        /// <summary>Accepted, with the events' business time set to <paramref name="occurredAt"/>.</summary>
        public void ThenAsOf(DateTimeOffset occurredAt, params IAccountEvent[] expected)
        {
            var accepted = Assert.IsType<Decision.Accepted>(Decision);
            Assert.Equal(expected, accepted.Events);
            Assert.Equal(occurredAt, accepted.OccurredAt);
        }

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
