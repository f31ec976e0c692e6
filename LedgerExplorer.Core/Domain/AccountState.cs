namespace LedgerExplorer.Core.Domain;

/// <summary>Everything the decider needs to know about an account: a small closed set of immutable states.</summary>
public abstract record AccountState
{
    private AccountState() { }

    /// <summary>No event yet: the stream does not exist.</summary>
    public sealed record Unopened : AccountState
    {
        public static readonly Unopened Instance = new();
    }

    public sealed record Active(string OwnerName, Plan Plan, string Currency, decimal Balance) : AccountState;

    public sealed record Closed(string OwnerName, Plan Plan, string Currency) : AccountState;
}
