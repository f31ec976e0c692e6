using System.Text.Json.Serialization.Metadata;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Serialization;

/// <summary>
/// The names events are stored under and their current schema versions. The stored name is a stable
/// string, never a CLR type name, so classes can be renamed without touching the log.
/// </summary>
public static class EventTypeRegistry
{
    // Stryker disable all : a static initializer, run once per test process — Stryker's MTP runner keeps one process across mutants (stryker-net#3742); CodecEdgeTests pins every name
    private static readonly EventType[] Types =
    [
        // Stored as StoredAccountOpened: the owner's name is encrypted by EventCodec (personal data).
        new("AccountOpened", typeof(AccountOpened), 1, LedgerJsonContext.Default.StoredAccountOpened),
        // v2: a decimal amount and a reference. v1 (minor units and a memo) is read through MoneyDepositedV1ToV2.
        new("MoneyDeposited", typeof(MoneyDeposited), 2, LedgerJsonContext.Default.MoneyDeposited),
        new("MoneyWithdrawn", typeof(MoneyWithdrawn), 1, LedgerJsonContext.Default.MoneyWithdrawn),
        new("PlanChanged", typeof(PlanChanged), 1, LedgerJsonContext.Default.PlanChanged),
        new("AccountClosed", typeof(AccountClosed), 1, LedgerJsonContext.Default.AccountClosed),
        new("OwnerForgotten", typeof(OwnerForgotten), 1, LedgerJsonContext.Default.OwnerForgotten),
        new("TransactionReversed", typeof(TransactionReversed), 1, LedgerJsonContext.Default.TransactionReversed),
        new("StatementIssued", typeof(StatementIssued), 1, LedgerJsonContext.Default.StatementIssued),
    ];
    // Stryker restore all

    private static readonly Dictionary<string, EventType> ByName = Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
    private static readonly Dictionary<Type, EventType> ByClrType = Types.ToDictionary(t => t.ClrType);

    public static IReadOnlyCollection<EventType> All => Types;

    public static EventType ForName(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new UnknownEventTypeException(name);

    public static EventType For(IAccountEvent @event) =>
        ByClrType.TryGetValue(@event.GetType(), out var type) ? type : throw new UnknownEventTypeException(@event.GetType().Name);

    public sealed record EventType(string Name, Type ClrType, int CurrentSchemaVersion, JsonTypeInfo JsonTypeInfo);
}

public sealed class UnknownEventTypeException(string name) : Exception($"No event type is registered under the name '{name}'.");
