using LedgerExplorer.App.Features.Integrity;
using LedgerExplorer.App.Features.Accounts;
using LedgerExplorer.App.Features.Api;
using LedgerExplorer.App.Features.Audit;
using LedgerExplorer.App.Features.Edge;
using LedgerExplorer.App.Features.Identity;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.App.Features.Ledger;
using LedgerExplorer.App.Features.Projections;
using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.App.Features.Shell;
using LedgerExplorer.App.Features.Snapshots;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace LedgerExplorer.App;

/// <summary>The composition root's two halves: what the App registers and how its pipeline is laid.</summary>
public static class AppServiceCollectionExtensions
{
    public static IServiceCollection AddLedgerApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLedgerFeatures(configuration);
        services.AddLedgerHostedServices();
        services.AddScoped<ActorSession>();
        services.AddLoopbackHostFiltering(configuration);
        services.AddLedgerIdentity(configuration);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddOpenApi();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Let binding failures reach the exception handler, which answers them with problem+json.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            // A number is a JSON number: the web defaults would also read "1" as 1.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        return services;
    }

    public static WebApplication UseLedgerApp(this WebApplication app)
    {
        app.UseHostFiltering();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseSameOriginGuard();
        app.UseApiBodyLimit();
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Our own assets (wwwroot-assets/, copied beside the App), then the frameworks' (MudBlazor, Plotly, Blazor).
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")) });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseSignInForPages();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapHealthEndpoint();
        app.MapLedgerIdentity();
        app.MapAccountEndpoints();
        app.MapEventLogEndpoints();
        app.MapProjectionEndpoints();
        app.MapProjectorEndpoints();
        app.MapAuditEndpoints();
        app.MapSnapshotEndpoints();
        app.MapIntegrityEndpoints();
        return app;
    }
}
