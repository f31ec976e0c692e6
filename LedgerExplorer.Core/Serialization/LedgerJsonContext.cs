using System.Text.Json.Serialization;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Serialization;

/// <summary>Source-generated System.Text.Json metadata for everything written to the log: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredAccountOpened))]
[JsonSerializable(typeof(MoneyDeposited))]
[JsonSerializable(typeof(MoneyWithdrawn))]
[JsonSerializable(typeof(PlanChanged))]
[JsonSerializable(typeof(AccountClosed))]
[JsonSerializable(typeof(OwnerForgotten))]
[JsonSerializable(typeof(TransactionReversed))]
[JsonSerializable(typeof(StatementIssued))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
