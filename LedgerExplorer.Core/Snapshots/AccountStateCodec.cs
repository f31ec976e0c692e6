using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Snapshots;

/// <summary>
/// How an account's folded state is written into a snapshot. <see cref="CurrentSchemaVersion"/> changes
/// whenever the state's shape does; a snapshot written in another version is never read, only replaced.
/// </summary>
public static class AccountStateCodec
{
    public const int CurrentSchemaVersion = 1;

    public static string Encode(AccountState state) => JsonSerializer.Serialize(state switch
    {
        AccountState.Active a => new SnapshotState("active", a.OwnerName, a.Plan, a.Currency, a.Balance),
        AccountState.Closed c => new SnapshotState("closed", c.OwnerName, c.Plan, c.Currency, 0m),
        _ => throw new ArgumentException("An unopened account has nothing to snapshot.", nameof(state)),
    }, SnapshotJsonContext.Default.SnapshotState);

    public static AccountState Decode(string data)
    {
        var s = JsonSerializer.Deserialize(data, SnapshotJsonContext.Default.SnapshotState) ?? throw new JsonException("Snapshot data is JSON null.");
        return s.Kind switch
        {
            "active" => new AccountState.Active(s.OwnerName, s.Plan, s.Currency, s.Balance),
            "closed" => new AccountState.Closed(s.OwnerName, s.Plan, s.Currency),
            _ => throw new JsonException($"Unknown snapshot state kind '{s.Kind}'."),
        };
    }

    public static string Checksum(string data) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data)));

    internal sealed record SnapshotState(string Kind, string OwnerName, Plan Plan, string Currency, decimal Balance);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AccountStateCodec.SnapshotState))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
