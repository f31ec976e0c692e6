using System.Security.Claims;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>The signed-in user's name: the actor every command records. Never a header a caller can type.</summary>
public static class SignedIn
{
    public static string Name(HttpRequest request) => Name(request.HttpContext.User);

    public static string Name(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : throw new InvalidOperationException("No signed-in user: the endpoint's authorization should have refused the request.");
}
