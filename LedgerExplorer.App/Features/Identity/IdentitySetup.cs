using LedgerExplorer.Core.Composition;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>
/// Who may do what, from the well-kept parts: ASP.NET Core Identity on EF Core Sqlite (users and roles in identity.db),
/// its API endpoints at /api/identity (bearer tokens, or a cookie with <c>?useCookies=true</c>), a cookie for the
/// browser, and one authorization policy per <see cref="LedgerAction"/>.
/// </summary>
public static class IdentitySetup
{
    public static IServiceCollection AddLedgerIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityDatabase();
        services.AddAuthorization(options => options.AddLedgerPolicies());
        services.AddIdentityApiEndpoints<IdentityUser>(options => options.User.RequireUniqueEmail = false)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LedgerIdentityDbContext>()
            .AddSignInManager<LedgerSignInManager>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/sign-in";
            cookie.AccessDeniedPath = "/sign-in";
            cookie.Cookie.Name = "ledger.identity";
            cookie.Cookie.SameSite = SameSiteMode.Strict; // never sent on a request another site starts
        });
        // Tokens and cookies expire by the wall clock, whatever clock the ledger is handed (a test's FakeTimeProvider
        // writing history in March would otherwise expire a token issued "then" as soon as it moved a day on).
        services.PostConfigureAll<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(o => o.TimeProvider = TimeProvider.System);
        services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.TimeProvider = TimeProvider.System);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();
        services.AddHostedService<IdentityBootstrap>();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        return services;
    }

    /// <summary>identity.db in the ledger's data directory (the App and the <c>users</c> command alike).</summary>
    public static IServiceCollection AddIdentityDatabase(this IServiceCollection services) =>
        services.AddDbContext<LedgerIdentityDbContext>((sp, options) => options.UseSqlite($"Data Source={DatabasePath(sp)}"));

    public static string DatabasePath(IServiceProvider services) =>
        Path.GetFullPath(Path.Combine(services.GetRequiredService<IOptions<LedgerOptions>>().Value.DataDir, "identity.db"));

    public static WebApplication MapLedgerIdentity(this WebApplication app)
    {
        var mode = DemoUsers.ModeOf(app.Configuration);
        // Users are added by an admin (`users add`) or are the demo users: the self-service parts of the Identity API are closed.
        string[] closed = ["/register", "/forgotPassword", "/resetPassword", "/confirmEmail", "/resendConfirmationEmail"];
        app.MapGroup("/api/identity").WithTags("Identity").AddEndpointFilter(async (context, next) =>
            closed.Any(path => context.HttpContext.Request.Path.Value!.EndsWith(path, StringComparison.OrdinalIgnoreCase))
                ? TypedResults.Problem(title: "Not offered here", detail: "Users are added by an administrator: dotnet run --project LedgerExplorer.App -- users add NAME --role ROLE.",
                    statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "identity_endpoint_closed" })
                : await next(context))
            .MapIdentityApi<IdentityUser>();

        SignInPage.Map(app, mode);
        return app;
    }

    /// <summary>
    /// A page request from someone not signed in: in Demo mode, signed in as alice (as every new browser session always
    /// was); in Required mode, sent to the sign-in page. API requests are answered 401 instead (<see cref="ApiAuthorizationResults"/>).
    /// </summary>
    public static IApplicationBuilder UseSignInForPages(this WebApplication app)
    {
        var mode = DemoUsers.ModeOf(app.Configuration);
        return app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true && HttpMethods.IsGet(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                var back = Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
                context.Response.Redirect(mode == AuthMode.Demo ? $"/auth/demo?user={DemoUsers.All[0].Name}&returnUrl={back}" : $"/sign-in?returnUrl={back}");
                return;
            }

            await next(context);
        });
    }

    /// <summary>Demo mode listens on loopback only: the demo users' password is public. Null when the addresses are fine, else why not.</summary>
    public static string? RefuseNonLoopback(IConfiguration configuration)
    {
        if (DemoUsers.ModeOf(configuration) != AuthMode.Demo) return null;
        var urls = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var open = urls.Where(url => !IsLoopback(url)).ToList();
        return open.Count == 0 ? null :
            $"Refusing to listen on {string.Join(", ", open)} in Demo mode: its users' password is public (README). " +
            "Run with --Ledger:Auth=Required (no demo users; add an admin first: dotnet run --project LedgerExplorer.App -- users add NAME --role admin), or listen on 127.0.0.1.";
    }

    private static bool IsLoopback(string url)
    {
        var host = url.Split("://", 2)[^1].Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        return host is "localhost" or "[::1]" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
    }
}
