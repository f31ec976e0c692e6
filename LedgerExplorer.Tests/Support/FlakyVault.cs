using LedgerExplorer.Core.Privacy;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Tests.Support;

/// <summary>The real key store, which answers "database is locked" to the first <paramref name="failures"/> decryptions.</summary>
public sealed class FlakyVault(IPersonalDataVault inner, int failures) : IPersonalDataVault
{
    public int Failed { get; private set; }

    public EncryptedText Encrypt(string subject, string plaintext) => inner.Encrypt(subject, plaintext);

    public string? TryDecrypt(string subject, EncryptedText encrypted)
    {
        if (Failed >= failures) return inner.TryDecrypt(subject, encrypted);
        Failed++;
        throw new SqliteException("SQLite Error 5: 'database is locked'.", 5);
    }

    public bool HasKey(string subject) => inner.HasKey(subject);

    public bool Forget(string subject) => inner.Forget(subject);
}
