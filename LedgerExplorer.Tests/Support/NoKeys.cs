using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.Tests.Support;

/// <summary>A vault that holds no keys: for decoding events that carry no personal data. Encrypting with it is a test bug.</summary>
public sealed class NoKeys : IPersonalDataVault
{
    public static readonly NoKeys Instance = new();

    public EncryptedText Encrypt(string subject, string plaintext) => throw new InvalidOperationException("This test's events should carry no personal data.");

    public string? TryDecrypt(string subject, EncryptedText encrypted) => null;

    public bool HasKey(string subject) => false;

    public bool Forget(string subject) => false;
}
