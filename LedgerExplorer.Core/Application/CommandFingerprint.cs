using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// What a request with an idempotency key asked for, as a SHA-256: the account, the command with its values, who
/// sent it and the version it expected. A retry must match it to get the original answer.
/// </summary>
public static class CommandFingerprint
{
    public static string Of(AccountId id, IAccountCommand command, CommandContext context)
    {
        var canonical = $"{id.Value}\n{command.GetType().Name}\n{JsonSerializer.Serialize(command, command.GetType())}\n{context.Actor}\n{context.ExpectedVersion}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
