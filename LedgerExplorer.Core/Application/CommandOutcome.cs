using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Application;

/// <summary>Every way a command can end. Callers switch over it; nothing expected is an exception.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome() { }

    public sealed record Accepted(CommandResult Result) : CommandOutcome;

    public sealed record Refused(DomainError Error) : CommandOutcome;

    /// <summary>The account moved past the caller's expected version (or kept moving through every retry).</summary>
    public sealed record Conflict(ConcurrencyException Exception) : CommandOutcome;

    /// <summary>The idempotency key was already used for another request (another command, account, amount or user).</summary>
    public sealed record KeyReused(string Key) : CommandOutcome;

    /// <summary>The ledger is closed for a moment (being started over): nothing was decided or written; try again.</summary>
    public sealed record Unavailable(string Reason) : CommandOutcome;
}
