using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.App.Features.Privacy;

/// <summary>What can be seen of one account's personal data at one moment: the stored ciphertext, whether it decrypts, whether its key exists, and the balances.</summary>
public sealed record PrivacyView(
    string AccountId,
    long Position,
    string StoredData,
    string StoredSha256,
    EncryptedText Encrypted,
    string? Decrypted,
    string? KeyId,
    string Owner,
    decimal ReplayedBalance,
    decimal? ReadModelBalance);
