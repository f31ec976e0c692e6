namespace LedgerExplorer.Core.Application;

/// <summary>
/// Who sends a command and under what condition. With <see cref="ExpectedVersion"/> the caller says
/// "only if the account is still at this version" and a mismatch is a conflict; without it the handler
/// decides afresh on the current state.
/// </summary>
public sealed record CommandContext(string Actor, Guid CorrelationId, long? ExpectedVersion = null)
{
    public const string AnonymousActor = "anonymous";

    public static CommandContext For(string? actor, long? expectedVersion = null) =>
        new(string.IsNullOrWhiteSpace(actor) ? AnonymousActor : actor.Trim(), Guid.CreateVersion7(), expectedVersion);
}
