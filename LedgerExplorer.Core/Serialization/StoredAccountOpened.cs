using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.Core.Serialization;

/// <summary>AccountOpened as it is stored: the owner's name encrypted, plan and currency in clear so balances never depend on a key.</summary>
internal sealed record StoredAccountOpened(EncryptedText Owner, Plan Plan, string Currency);
