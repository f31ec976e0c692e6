namespace LedgerExplorer.App.Features.Api;

/// <summary>The acting user comes from the <c>X-Actor</c> header; <c>anonymous</c> when absent.</summary>
public static class ActorHeader
{
    public const string Name = "X-Actor";

    public const int MaxLength = 64;

    public static bool TryRead(HttpRequest request, out string actor, out string? error)
    {
        var value = request.Headers[Name].ToString().Trim();
        actor = value.Length == 0 ? Core.Application.CommandContext.AnonymousActor : value;
        error = value.Length > MaxLength || value.Any(char.IsControl)
            ? $"The {Name} header must be at most {MaxLength} printable characters."
            : null;
        return error is null;
    }
}
