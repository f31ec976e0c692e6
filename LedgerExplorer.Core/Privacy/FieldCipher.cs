using System.Security.Cryptography;
using System.Text;

namespace LedgerExplorer.Core.Privacy;

/// <summary>AES-256-GCM for one field. The subject and key id are bound in as associated data, so a ciphertext cannot be moved to another account.</summary>
public static class FieldCipher
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static EncryptedText Encrypt(byte[] key, string keyId, string subject, string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[clear.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, clear, cipher, tag, AssociatedData(subject, keyId));
        return new EncryptedText(keyId, Convert.ToBase64String(nonce), Convert.ToBase64String(cipher), Convert.ToBase64String(tag));
    }

    public static string Decrypt(byte[] key, string subject, EncryptedText encrypted)
    {
        var cipher = Convert.FromBase64String(encrypted.Ciphertext);
        var clear = new byte[cipher.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(Convert.FromBase64String(encrypted.Nonce), cipher, Convert.FromBase64String(encrypted.Tag), clear, AssociatedData(subject, encrypted.KeyId));
        return Encoding.UTF8.GetString(clear);
    }

    private static byte[] AssociatedData(string subject, string keyId) => Encoding.UTF8.GetBytes(subject + "|" + keyId);
}
