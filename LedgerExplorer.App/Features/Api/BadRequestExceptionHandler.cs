using Microsoft.AspNetCore.Diagnostics;

namespace LedgerExplorer.App.Features.Api;

/// <summary>Turns a body or parameter the framework could not bind (malformed JSON, a string where a number belongs) into a 400 problem that says what was wrong.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;

        httpContext.Response.StatusCode = bad.StatusCode;
        var field = bad.InnerException as RequestFieldException;
        var detail = field is not null ? field.Message
            : bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = field is null ? "The request is malformed" : $"The {field.Field} is not acceptable",
                Detail = detail,
                Extensions = { ["code"] = field?.Code ?? "malformed_request", ["field"] = field?.Field },
            },
        });
    }
}
