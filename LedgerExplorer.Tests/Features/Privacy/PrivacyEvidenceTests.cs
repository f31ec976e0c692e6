using LedgerExplorer.Core.Domain;
using Bunit;
using LedgerExplorer.App.Features.Privacy;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Privacy;

public sealed class PrivacyEvidenceTests : LedgerBunitContext
{
    private static readonly EncryptedText Cipher = new("k1", "bm9uY2U=", "Y2lwaGVydGV4dA==", "dGFn");

    private static readonly PrivacyView Before = new("aaaa00000001", 1, "{...}", "abc123", Cipher, "Ada Lovelace", "k1", "Ada Lovelace", 120.50m, 120.50m);

    private static readonly PrivacyView After = Before with { Decrypted = null, KeyId = null, Owner = PersonalData.Erased };

    public PrivacyEvidenceTests() => RenderPopoverProvider();

    [Fact]
    public void Before_forget_the_name_decrypts_and_the_key_is_held()
    {
        var cut = Render<PrivacyEvidence>(p => p.Add(x => x.Now, Before));

        Assert.Contains("decrypts to “Ada Lovelace”", cut.Find("[data-testid=decrypted]").TextContent, StringComparison.Ordinal);
        Assert.Equal("holds key k1 for this account", cut.Find("[data-testid=key-store]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=hash-comparison]"));
    }

    [Fact]
    public void After_forget_the_same_ciphertext_fails_to_decrypt_the_key_is_gone_and_the_balance_stays()
    {
        var cut = Render<PrivacyEvidence>(p => p.Add(x => x.Now, After).Add(x => x.Before, Before));

        var after = cut.Find("[data-testid=privacy-after-forget]");
        Assert.Contains("decryption fails", after.QuerySelector("[data-testid=decrypted]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("holds no key for this account", after.QuerySelector("[data-testid=key-store]")!.TextContent);
        Assert.Equal("owner: (erased)", after.QuerySelector("[data-testid=owner]")!.TextContent);
        Assert.Contains("120.50", after.QuerySelector("[data-testid=balance]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            cut.Find("[data-testid=privacy-before-forget] [data-testid=ciphertext]").TextContent,
            after.QuerySelector("[data-testid=ciphertext]")!.TextContent);
        Assert.Contains("identical", cut.Find("[data-testid=hash-verdict]").TextContent, StringComparison.Ordinal);
    }
}
