using System.Security.Claims;
using LedgerExplorer.App.Features.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace LedgerExplorer.App.Features.Shell;

/// <summary>
/// Who the person at this browser is (one per circuit): the signed-in user of the circuit's cookie. Every command they
/// send carries their name as the actor, and every control asks <see cref="Can"/> before it offers an action.
/// </summary>
public sealed class ActorSession(AuthenticationStateProvider authentication)
{
    // Blazor Server hands the circuit the principal of the request that opened it: the task is already complete.
    private ClaimsPrincipal User => authentication.GetAuthenticationStateAsync().GetAwaiter().GetResult().User;

    public string Actor => User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    public IReadOnlyList<string> Roles => LedgerRoles.All.Where(User.IsInRole).ToList();

    public bool Can(LedgerAction action) => IsSignedIn && (LedgerRoles.For(action) is not { Count: > 0 } roles || roles.Any(User.IsInRole));

    /// <summary>The tooltip of a control this user may not use: "Needs the manager or admin role".</summary>
    public string? WhyNot(LedgerAction action) => Can(action) ? null : char.ToUpperInvariant(LedgerRoles.Needs(action)[0]) + LedgerRoles.Needs(action)[1..] + $" (you are {Actor}{(Roles.Count > 0 ? $", {string.Join(", ", Roles)}" : "")}).";

    /// <summary>The server-side check behind a control: a disabled button is a hint, this is the rule.</summary>
    public void Demand(LedgerAction action)
    {
        if (!Can(action)) throw new UnauthorizedAccessException(WhyNot(action));
    }
}
