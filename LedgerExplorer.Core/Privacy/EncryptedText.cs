namespace LedgerExplorer.Core.Privacy;

/// <summary>
/// A personal field as it is stored in an event: AES-256-GCM ciphertext under one subject's data key, with the
/// key's id, the nonce and the authentication tag beside it (all base64). Without the key it is just bytes.
/// </summary>
public sealed record EncryptedText(string KeyId, string Nonce, string Ciphertext, string Tag);
