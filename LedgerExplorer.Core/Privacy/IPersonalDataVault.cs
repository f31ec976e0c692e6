namespace LedgerExplorer.Core.Privacy;

/// <summary>
/// Encrypts and decrypts personal fields with one data key per subject (an account), kept apart from the log.
/// Forgetting a subject destroys its key: everything encrypted under it becomes unreadable for good.
/// </summary>
public interface IPersonalDataVault
{
    EncryptedText Encrypt(string subject, string plaintext);

    /// <summary>The plaintext, or null when the key is gone (the subject was forgotten).</summary>
    string? TryDecrypt(string subject, EncryptedText encrypted);

    bool HasKey(string subject);

    /// <summary>Destroys the subject's key. Returns false if there was none (forgetting twice is harmless).</summary>
    bool Forget(string subject);
}
