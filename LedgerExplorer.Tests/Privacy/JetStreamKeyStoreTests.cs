using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Privacy;

/// <summary>The keys on the cluster, shared by every App on one log: two key-store instances stand for two Apps.</summary>
[Trait("Proof", "CryptoShredding")]
public sealed class JetStreamKeyStoreTests : IAsyncLifetime
{
    private JetStreamKeyStore _one = default!;
    private JetStreamKeyStore _other = default!;

    public async ValueTask InitializeAsync()
    {
        var server = await NatsServer.Shared;
        var name = $"K{Guid.NewGuid():N}";
        var options = new JetStreamOptions { Url = server.Url, Stream = name, SubjectPrefix = name.ToLowerInvariant() };
        _one = new JetStreamKeyStore(options);
        _other = new JetStreamKeyStore(options);
    }

    [Fact]
    public void What_one_app_encrypts_the_other_decrypts_and_a_forget_by_either_destroys_the_key_for_both()
    {
        var encrypted = _one.Encrypt("acct00000001", "Ada Lovelace");

        Assert.Equal("Ada Lovelace", _other.TryDecrypt("acct00000001", encrypted));
        Assert.Equal(_one.KeyIdOf("acct00000001"), _other.KeyIdOf("acct00000001"));

        Assert.True(_other.Forget("acct00000001"));
        Assert.Null(_one.TryDecrypt("acct00000001", encrypted));
        Assert.False(_one.HasKey("acct00000001"));
        Assert.False(_one.Forget("acct00000001")); // twice is harmless
    }

    [Fact]
    public async Task Two_apps_creating_a_subjects_key_at_once_agree_on_one_key()
    {
        var both = await Task.WhenAll(Task.Run(() => _one.Encrypt("acct00000002", "Grace Hopper")), Task.Run(() => _other.Encrypt("acct00000002", "Grace Hopper")));

        Assert.Equal(both[0].KeyId, both[1].KeyId);
        Assert.All(both, e => Assert.Equal("Grace Hopper", _one.TryDecrypt("acct00000002", e)));
    }

    [Fact]
    public void The_forget_journal_is_shared_too()
    {
        _one.Begin("acct00000003");
        _one.Begin("acct00000003"); // twice is one

        Assert.Equal(["acct00000003"], _other.Pending());
        _other.End("acct00000003");
        Assert.Empty(_one.Pending());
    }

    public async ValueTask DisposeAsync()
    {
        _one.DestroyAll();
        await _one.DisposeAsync();
        await _other.DisposeAsync();
    }
}
