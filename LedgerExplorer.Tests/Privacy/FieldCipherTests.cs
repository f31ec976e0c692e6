using System.Security.Cryptography;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.Tests.Privacy;

/// <summary>The field cipher binds a ciphertext to its account and key id — the two kept apart, so no shift between them fits.</summary>
public sealed class FieldCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);

    [Fact]
    public void A_ciphertext_reads_back_only_under_its_own_subject_and_key_id()
    {
        var sealedName = FieldCipher.Encrypt(Key, keyId: "c", subject: "ab", "Ada Lovelace");

        Assert.Equal("Ada Lovelace", FieldCipher.Decrypt(Key, "ab", sealedName));
        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Key, "ax", sealedName));
        // "ab" + "c" and "a" + "bc" are the same letters: only the separator between subject and key id tells them apart.
        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(Key, "a", sealedName with { KeyId = "bc" }));
    }
}
