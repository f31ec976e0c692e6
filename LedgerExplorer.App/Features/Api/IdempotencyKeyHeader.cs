namespace LedgerExplorer.App.Features.Api;

/// <summary>
/// The <c>Idempotency-Key</c> header every command accepts: the same key with the same request gets the original
/// answer and appends nothing; with another request it is refused (422 <c>idempotency_key_reused</c>).
/// </summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    public const int MaxLength = 200;

    /// <summary>Absent is fine (null); present, it must be 1–200 visible ASCII characters.</summary>
    public static bool TryRead(HttpRequest request, out string? key, out string? error)
    {
        key = null;
        error = null;
        if (!request.Headers.TryGetValue(Name, out var values)) return true;
        var value = values.ToString();
        if (value.Length is 0 or > MaxLength || values.Count > 1 || value.Any(c => c is < '!' or > '~'))
        {
            error = $"The {Name} header must be one value of 1 to {MaxLength} visible ASCII characters (a UUID, say).";
            return false;
        }

        key = value;
        return true;
    }
}
