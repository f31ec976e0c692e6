using System.Text.Json;
using System.Text.Json.Nodes;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Serialization;

/// <summary>Applies upcasters one version at a time until a stored event's JSON has today's shape.</summary>
public sealed class UpcasterChain(IEnumerable<IUpcaster> upcasters)
{
    public static UpcasterChain Default { get; } = new([new MoneyDepositedV1ToV2()]);

    private readonly Dictionary<(string, int), IUpcaster> _steps = upcasters.ToDictionary(u => (u.EventType, u.FromVersion));

    /// <summary>The stored JSON brought from its schema version up to <paramref name="currentVersion"/>.</summary>
    public string Upcast(StoredEvent stored, int currentVersion)
    {
        if (stored.SchemaVersion > currentVersion)
            throw new EventDecodingException(stored, $"schema version {stored.SchemaVersion} is newer than this code knows (it reads up to v{currentVersion})");
        if (stored.SchemaVersion == currentVersion) return stored.Data;

        JsonObject data;
        try
        {
            data = JsonNode.Parse(stored.Data) as JsonObject ?? throw new JsonException("the data is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new EventDecodingException(stored, $"its JSON cannot be read: {ex.Message}", ex);
        }

        for (var version = stored.SchemaVersion; version < currentVersion; version++)
        {
            if (!_steps.TryGetValue((stored.EventType, version), out var step))
                throw new EventDecodingException(stored, $"there is no upcaster from {stored.EventType} v{version} to v{version + 1}");
            try
            {
                data = step.Upcast(data);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException)
            {
                throw new EventDecodingException(stored, $"it cannot be upcast from v{version} to v{version + 1}: {ex.Message}", ex);
            }
        }

        return data.ToJsonString();
    }
}
