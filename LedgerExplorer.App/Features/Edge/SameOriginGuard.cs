namespace LedgerExplorer.App.Features.Edge;

/// <summary>
/// Closes the API to other sites' pages. A browser sends <c>Origin</c> with every cross-site POST — a form, a fetch —
/// and <c>Sec-Fetch-Site</c> with every request; a state-changing request under /api that a browser says came from
/// another origin is refused (403 problem+json, <c>cross_origin_refused</c>) before anything runs. Clients that are
/// not browsers (curl, the load generator, tests) send neither header and are not affected; a page on this App's
/// own origin is not either. Reproduced before: a form on http://evil.example POSTing to /api/projector/pause.
/// </summary>
public static class SameOriginGuard
{
    private static readonly HashSet<string> Safe = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "OPTIONS", "TRACE" };

    public static IApplicationBuilder UseSameOriginGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api") && !Safe.Contains(context.Request.Method) && FromAnotherSite(context.Request) is { } origin)
        {
            await TypedResults.Problem(
                title: "Refused: a request from another site",
                detail: $"A state-changing request to this API must come from its own pages or from a client that is not a browser; this one came from {origin}.",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["code"] = "cross_origin_refused" }).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>The other origin a browser says the request came from, or null when it came from this one (or from no browser).</summary>
    public static string? FromAnotherSite(HttpRequest request)
    {
        var own = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : origin;
        // No Origin (some browsers leave it off same-origin requests): Fetch Metadata still says where it came from.
        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site" ? "another site (Sec-Fetch-Site)" : null;
    }
}
