using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.Tests.Privacy;

/// <summary>
/// What every key store promises, on every backing (a SQLite file for one App, a stream on the cluster for several): two
/// instances over one backing stand for two processes. A key made by one serves the other; a forget by either is a forget
/// for both; a ciphertext that was tampered with, or sealed under another key, reads as nothing rather than as an error;
/// start-over leaves no key and no forget under way, and the store goes on working; the forget journal is a set.
/// </summary>
public abstract class KeyStoreContract
{
    protected abstract IKeyStore One { get; }

    protected abstract IKeyStore Other { get; }

    [Fact]
    public void What_one_encrypts_the_other_decrypts_and_a_forget_by_either_destroys_the_key_for_both()
    {
        var encrypted = One.Encrypt("acct00000001", "Ada Lovelace");

        Assert.Equal("Ada Lovelace", Other.TryDecrypt("acct00000001", encrypted));
        Assert.Equal(One.KeyIdOf("acct00000001"), Other.KeyIdOf("acct00000001"));
        Assert.True(Other.HasKey("acct00000001"));

        Assert.True(Other.Forget("acct00000001"));
        Assert.Null(One.TryDecrypt("acct00000001", encrypted));
        Assert.False(One.HasKey("acct00000001"));
        Assert.Null(One.KeyIdOf("acct00000001"));
        Assert.False(One.Forget("acct00000001")); // twice is harmless
    }

    [Fact]
    public void A_subject_keeps_one_key_and_its_id_is_32_lowercase_hex_digits()
    {
        var first = One.Encrypt("acct00000002", "Grace Hopper");
        var second = Other.Encrypt("acct00000002", "Grace Brewster Hopper");

        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(first.KeyId, One.KeyIdOf("acct00000002"));
        Assert.Matches("^[0-9a-f]{32}$", first.KeyId);
        Assert.NotEqual(first.KeyId, One.Encrypt("acct00000003", "Grace Hopper").KeyId);
    }

    [Fact]
    public async Task Two_creating_a_subjects_key_at_once_agree_on_one_key()
    {
        for (var i = 0; i < 10; i++)
        {
            var subject = $"acct1000000{i}";
            var both = await Task.WhenAll(Task.Run(() => One.Encrypt(subject, "Grace Hopper")), Task.Run(() => Other.Encrypt(subject, "Grace Hopper")));

            Assert.Equal(both[0].KeyId, both[1].KeyId);
            Assert.All(both, e => Assert.Equal("Grace Hopper", One.TryDecrypt(subject, e)));
        }
    }

    [Fact]
    public void A_tampered_ciphertext_or_one_under_another_key_reads_as_nothing()
    {
        var encrypted = One.Encrypt("acct00000004", "Katherine Johnson");
        var flipped = Convert.FromBase64String(encrypted.Ciphertext);
        flipped[0] ^= 1;

        Assert.Null(Other.TryDecrypt("acct00000004", encrypted with { Ciphertext = Convert.ToBase64String(flipped) }));
        Assert.Null(Other.TryDecrypt("acct00000004", encrypted with { KeyId = new string('0', 32) }));
        Assert.Null(Other.TryDecrypt("acct00000005", encrypted)); // a subject without a key
        One.Encrypt("acct00000005", "someone else");
        Assert.Null(Other.TryDecrypt("acct00000005", encrypted with { KeyId = One.KeyIdOf("acct00000005")! })); // sealed for another subject
        Assert.Equal("Katherine Johnson", Other.TryDecrypt("acct00000004", encrypted));
    }

    [Fact]
    public void The_forget_journal_is_a_set_shared_by_both_in_subject_order()
    {
        Assert.Empty(Other.Pending()); // before anything was ever written
        One.Begin("acct0000000b");
        One.Begin("acct0000000a");
        Other.Begin("acct0000000b"); // twice is one

        Assert.Equal(["acct0000000a", "acct0000000b"], Other.Pending());
        Other.End("acct0000000b");
        Assert.Equal(["acct0000000a"], One.Pending());
        One.End("acct0000000a");
        Assert.Empty(Other.Pending());
    }

    [Fact]
    public void A_forget_can_begin_on_a_store_that_has_nothing_yet()
    {
        One.Begin("acct0000000c");

        Assert.Equal(["acct0000000c"], Other.Pending());
    }

    [Fact]
    public void Start_over_destroys_every_key_and_every_forget_under_way_and_the_store_goes_on_working()
    {
        Other.DestroyAll(); // on a store that has nothing yet, and twice, it is harmless
        Other.DestroyAll();
        var encrypted = One.Encrypt("acct00000006", "Hedy Lamarr");
        One.Encrypt("acct00000007", "Joan Clarke");
        One.Begin("acct00000007");
        Assert.True(Other.HasKey("acct00000006")); // the other is in use when the one starts over

        One.DestroyAll();

        Assert.False(Other.HasKey("acct00000006"));
        Assert.False(Other.HasKey("acct00000007"));
        Assert.Null(Other.TryDecrypt("acct00000006", encrypted));
        Assert.Empty(Other.Pending());
        var again = Other.Encrypt("acct00000006", "Hedy Lamarr"); // the other goes on too, though it was not the one that started over
        Assert.NotEqual(encrypted.KeyId, again.KeyId);
        Assert.Equal("Hedy Lamarr", One.TryDecrypt("acct00000006", again));
        Other.Begin("acct00000006");
        Assert.Equal(["acct00000006"], One.Pending());
    }
}
