using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>
/// Under /api, a missing sign-in is 401 and a missing role 403, each as problem+json saying what is needed — never the
/// cookie handler's redirect to a sign-in page. Pages keep the default (a redirect).
/// </summary>
public sealed class ApiAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            await TypedResults.Problem(
                title: "Sign in first",
                detail: "Every /api endpoint but /api/health needs a signed-in user: get a bearer token from POST /api/identity/login {\"email\": \"…\", \"password\": \"…\"} and send it as 'Authorization: Bearer …'.",
                statusCode: StatusCodes.Status401Unauthorized,
                extensions: new Dictionary<string, object?> { ["code"] = "unauthenticated" }).ExecuteAsync(context);
            return;
        }

        var action = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        LedgerAction? needed = Enum.TryParse<LedgerAction>(action, out var parsed) ? parsed : null;
        var needs = needed is { } a ? LedgerRoles.Needs(a) : "needs another role";
        await TypedResults.Problem(
            title: "Not allowed for your role",
            detail: $"{context.User.Identity?.Name} may not do this: it {needs}.",
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["code"] = "forbidden", ["roles"] = needed is { } known ? LedgerRoles.For(known) : null }).ExecuteAsync(context);
    }
}
