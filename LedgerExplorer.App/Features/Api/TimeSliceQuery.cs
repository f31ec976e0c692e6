using System.Globalization;
using LedgerExplorer.Core.Application;

namespace LedgerExplorer.App.Features.Api;

/// <summary>
/// The two time parameters of a read: <c>asOf</c> (business time: what had happened by then) and <c>knownAt</c>
/// (transaction time: what the ledger had recorded by then; default now). ISO-8601 instants; a date alone is midnight UTC.
/// </summary>
public static class TimeSliceQuery
{
    public static bool TryParse(string? asOf, string? knownAt, out TimeSlice slice, out IResult problem)
    {
        slice = TimeSlice.Now;
        problem = Results.Empty;
        if (!TryParseInstant(asOf, "asOf", "as_of_malformed", out var t, ref problem)) return false;
        if (!TryParseInstant(knownAt, "knownAt", "known_at_malformed", out var k, ref problem)) return false;
        slice = new TimeSlice(t, k);
        return true;
    }

    private static bool TryParseInstant(string? text, string name, string code, out DateTimeOffset? instant, ref IResult problem)
    {
        instant = null;
        if (text is null) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            instant = parsed;
            return true;
        }

        var shown = text.Length > 40 ? text[..40] + "…" : text;
        problem = ApiProblems.BadRequest($"{name} '{shown}' is not an ISO-8601 instant (e.g. 2026-03-01T12:00:00Z).", code);
        return false;
    }
}
