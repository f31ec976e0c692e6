using LedgerExplorer.App.Features.Identity;
using LedgerExplorer.App.Features.Api;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.App.Features.EventLog;

public static partial class EventLogEndpoints
{
    public const int MaxLimit = 1_000;

    public static IEndpointRouteBuilder MapEventLogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", async (long? from, int? limit, string? stream, IEventStoreReader reader, IEventChain chain, CancellationToken ct) =>
        {
            var start = from ?? 1;
            var count = limit ?? 100;
            if (start < 1) return ApiProblems.BadRequest("from is a global position and starts at 1.", "from_out_of_range");
            if (count is < 1 or > MaxLimit) return ApiProblems.BadRequest($"limit must be between 1 and {MaxLimit}.", "limit_out_of_range");
            if (!string.IsNullOrEmpty(stream) && !StreamIdShape().IsMatch(stream))
                return ApiProblems.BadRequest("stream must be a stream id: 1 to 100 of a-z, A-Z, 0-9, '-' and '_' (e.g. account-0a1b2c3d4e5f).", "stream_malformed");

            IReadOnlyList<StoredEvent> rows;
            if (string.IsNullOrEmpty(stream))
            {
                rows = await reader.ReadAllAsync(start, count, ct);
            }
            else
            {
                var matching = new List<StoredEvent>();
                await foreach (var e in reader.ReadStreamAsync(stream, StreamReadRange.All, ct))
                {
                    if (e.Position < start) continue;
                    matching.Add(e);
                    if (matching.Count == count) break;
                }

                rows = matching;
            }

            return TypedResults.Ok(await EventLogRow.WithHashesAsync(rows, chain, ct));
        })
        .WithTags("Event log")
        .RequireAuthorization(LedgerAction.Read)
        .WithSummary("Raw log rows exactly as stored, each with its chain hash, in global order from a position, optionally for one stream.");
        return app;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial System.Text.RegularExpressions.Regex StreamIdShape();
}
