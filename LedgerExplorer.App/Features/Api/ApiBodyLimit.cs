using Microsoft.AspNetCore.Http.Features;

namespace LedgerExplorer.App.Features.Api;

/// <summary>
/// Bounds request bodies under /api before anything reads them: no command needs more than a few hundred bytes,
/// so a body over <see cref="MaxBytes"/> is refused (413 problem+json) instead of being parsed first.
/// </summary>
public static class ApiBodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            if (context.Request.ContentLength > MaxBytes)
            {
                await TypedResults.Problem(
                    title: "The request body is too large",
                    detail: $"A request body under /api may be at most {MaxBytes:N0} bytes (this one says {context.Request.ContentLength:N0}).",
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    extensions: new Dictionary<string, object?> { ["code"] = "body_too_large" }).ExecuteAsync(context);
                return;
            }

            // A body without a length (chunked) is cut off at the same size by the server as it is read.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
        }

        await next(context);
    });
}
