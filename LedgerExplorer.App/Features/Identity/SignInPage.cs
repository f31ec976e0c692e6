using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>
/// Signing in and out in the browser. Required mode: a plain sign-in form (a static page: a Blazor circuit cannot set
/// a cookie). Demo mode: <c>/auth/demo?user=bob</c> signs in as a demo user without a password — what the top bar's
/// picker does — and the sign-in page sends there.
/// </summary>
internal static class SignInPage
{
    public static void Map(WebApplication app, AuthMode mode)
    {
        if (mode == AuthMode.Demo)
        {
            app.MapGet("/auth/demo", async (string? user, string? returnUrl, SignInManager<IdentityUser> signIn) =>
            {
                if (DemoUsers.All.All(u => u.Name != user) || await signIn.UserManager.FindByNameAsync(user!) is not { } found)
                    return Results.Problem(title: "Unknown demo user", detail: $"The demo users are {string.Join(", ", DemoUsers.All.Select(u => u.Name))}.", statusCode: StatusCodes.Status404NotFound);
                await signIn.SignInAsync(found, isPersistent: false);
                return Results.LocalRedirect(Local(returnUrl));
            }).ExcludeFromDescription();
        }

        app.MapGet("/sign-in", (string? returnUrl, HttpContext context, IAntiforgery antiforgery) => mode == AuthMode.Demo
            ? Results.LocalRedirect($"/auth/demo?user={DemoUsers.All[0].Name}&returnUrl={Uri.EscapeDataString(Local(returnUrl))}")
            : Form(context, antiforgery, Local(returnUrl), error: null)).ExcludeFromDescription();

        app.MapPost("/sign-in", async ([FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn) =>
        {
            var result = await signIn.PasswordSignInAsync(name ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
            return result.Succeeded
                ? Results.LocalRedirect(Local(returnUrl))
                : Form(context, antiforgery, Local(returnUrl), result.IsLockedOut ? "Too many failed attempts: this user is locked out for a few minutes." : "That name and password do not match a user.");
        }).ExcludeFromDescription();

        app.MapPost("/auth/sign-out", async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
    }

    private static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · LedgerExplorer</title><link rel="stylesheet" href="/app.css"><link rel="icon" type="image/svg+xml" href="/logo.svg"></head>
            <body class="sign-in">
            <main class="sign-in-card">
              <h1>LedgerExplorer</h1>
              <p>Sign in to read the ledger and to act on it as your role allows.</p>
              {{(error is null ? "" : $"<p class=\"sign-in-error\" role=\"alert\" data-testid=\"sign-in-error\">{E(error)}</p>")}}
              <form method="post" action="/sign-in">
                <input type="hidden" name="{{E(tokens.FormFieldName)}}" value="{{E(tokens.RequestToken)}}">
                <input type="hidden" name="returnUrl" value="{{E(returnUrl)}}">
                <label>Name or e-mail <input name="name" autocomplete="username" required data-testid="sign-in-name"></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required data-testid="sign-in-password"></label>
                <button type="submit" data-testid="sign-in-submit">Sign in</button>
              </form>
              <p class="sign-in-hint">No user yet? An administrator adds one: <code>dotnet run --project LedgerExplorer.App -- users add NAME --role ROLE</code>.</p>
            </main>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }
}
