namespace LedgerExplorer.Core.Application;

/// <summary>
/// Who sends a command and under what condition. With <see cref="ExpectedVersion"/> the caller says
/// "only if the account is still at this version" and a mismatch is a conflict; without it the handler
/// decides afresh on the current state.
/// </summary>
public sealed record CommandContext(string Actor, Guid CorrelationId, long? ExpectedVersion = null)
{
    /// <summary>
    /// The client's key for this command (the <c>Idempotency-Key</c> header, or one per click in the UI): the same
    /// key again with the same command gets the original answer and appends nothing; with another command it is refused.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    public const string AnonymousActor = "anonymous";

    public static CommandContext For(string? actor, long? expectedVersion = null) =>
        new(string.IsNullOrWhiteSpace(actor) ? AnonymousActor : actor.Trim(), Guid.CreateVersion7(), expectedVersion);
}
