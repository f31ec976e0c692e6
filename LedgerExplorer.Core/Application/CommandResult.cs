using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// What a successful command returns: the state it produced, the stream version and the global position
/// of its last event. The UI shows this state at once, so a user never waits for a projection to see
/// their own write.
/// </summary>
public sealed record CommandResult(string AccountId, long Version, long Position, AccountView State);
