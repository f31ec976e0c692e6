namespace LedgerExplorer.App.Features.Edge;

/// <summary>
/// The response headers that tell a browser how little to trust anything but this App: a Content-Security-Policy that
/// allows only the App's own scripts, styles, images and its own WebSocket (Blazor Server's circuit), no framing by
/// other sites, no MIME sniffing, and no Referer leaving the App.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// What each directive is for: scripts only from this origin (Blazor, MudBlazor, Plotly — no inline script, no
    /// eval); styles from this origin and inline (MudBlazor and Plotly set style attributes and inject style elements at
    /// run time); images also as data: URIs (MudBlazor's icons); the circuit's WebSocket back to this origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
