using System.Text.Json;

namespace LedgerExplorer.App.Features.Api;

/// <summary>A field of a request body that is well-formed JSON but not an acceptable value; answered as a 400 with its own code.</summary>
public sealed class RequestFieldException(string field, string code, string message) : JsonException(message)
{
    public string Field { get; } = field;

    public string Code { get; } = code;
}
