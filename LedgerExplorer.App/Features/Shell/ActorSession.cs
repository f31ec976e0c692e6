namespace LedgerExplorer.App.Features.Shell;

/// <summary>Who the person at this browser is acting as (one per circuit). Every command they send carries it as the actor.</summary>
public sealed class ActorSession
{
    public static readonly IReadOnlyList<string> KnownActors = ["alice", "bob", "carol", Core.Application.CommandContext.AnonymousActor];

    public string Actor { get; private set; } = "alice";

    public event Action? Changed;

    public void ActAs(string actor)
    {
        Actor = actor;
        Changed?.Invoke();
    }
}
