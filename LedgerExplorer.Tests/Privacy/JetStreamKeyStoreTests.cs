using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Hosting;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.Support;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace LedgerExplorer.Tests.Privacy;

/// <summary>
/// The keys on the cluster, shared by every App on one log: two key-store instances stand for two Apps. Beyond the
/// contract, what only this backing has to show: the keys' stream is its own (one replica, one message per subject), a
/// forgotten key's bytes are in no file of the server's store, and a keys stream made earlier with other settings is used.
/// </summary>
[Trait("Proof", "CryptoShredding")]
public sealed class JetStreamKeyStoreTests : KeyStoreContract, IAsyncLifetime
{
    private LocalNatsServer _server = default!;
    private JetStreamOptions _options = default!;
    private JetStreamKeyStore _one = default!;
    private JetStreamKeyStore _other = default!;

    protected override IKeyStore One => _one;

    protected override IKeyStore Other => _other;

    public async ValueTask InitializeAsync()
    {
        _server = await NatsServer.Shared;
        var name = $"K{Guid.NewGuid():N}";
        _options = new JetStreamOptions { Url = _server.Url, Stream = name, SubjectPrefix = name.ToLowerInvariant() };
        _one = new JetStreamKeyStore(_options);
        _other = new JetStreamKeyStore(_options);
    }

    [Fact]
    public async Task The_keys_live_in_a_stream_of_their_own_with_one_replica_and_one_message_per_subject()
    {
        _one.Encrypt("acct00000020", "Ada Lovelace");
        _one.Begin("acct00000020");

        await using var client = new NatsClient(_server.Url);
        var stream = await client.CreateJetStreamContext().GetStreamAsync(_options.Stream + "_KEYS");
        Assert.Equal(StreamConfigStorage.File, stream.Info.Config.Storage);
        Assert.Equal(1, stream.Info.Config.NumReplicas);
        Assert.Equal(1, stream.Info.Config.MaxMsgsPerSubject);
        Assert.Equal([$"{_options.SubjectPrefix}-keys.key.>", $"{_options.SubjectPrefix}-keys.forget.>"], stream.Info.Config.Subjects);
        Assert.Equal(2, stream.Info.State.Messages);
        Assert.Equal($"stream {_options.Stream}_KEYS on {_server.Url} (one replica)", _one.Location);
    }

    [Fact]
    public async Task A_forgotten_keys_bytes_are_in_no_file_of_the_servers_store()
    {
        // Neighbours before and after, in the same block: a block left empty is removed whole, erased or not.
        _one.Encrypt("acct00000031", "Grace Hopper");
        _one.Encrypt("acct00000021", "Ada Lovelace");
        _one.Encrypt("acct00000032", "Joan Clarke");
        await using var client = new NatsClient(_server.Url);
        var stream = await client.CreateJetStreamContext().GetStreamAsync(_options.Stream + "_KEYS");
        var message = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = $"{_options.SubjectPrefix}-keys.key.acct00000021" });
        var key = message.Message.Data.ToArray()[16..];
        bool OnDisk() => Directory.GetFiles(_server.StoreDirectory, "*", SearchOption.AllDirectories)
            .Where(f => f.Contains(_options.Stream + "_KEYS", StringComparison.Ordinal)).Any(f => FileScan.Holds(f, key));

        // The negative control: before the forget the scan finds the key (once the server has written its block).
        await Eventually.Within(TimeSpan.FromSeconds(30), () => Task.FromResult(OnDisk() ? true : (bool?)null));

        Assert.True(_other.Forget("acct00000021"));
        Assert.False(OnDisk());
    }

    [Fact]
    public async Task A_keys_stream_made_earlier_with_other_settings_is_used_as_it_is()
    {
        await using var client = new NatsClient(_server.Url);
        await client.CreateJetStreamContext().CreateStreamAsync(new StreamConfig(_options.Stream + "_KEYS", [$"{_options.SubjectPrefix}-keys.>"]) { MaxMsgsPerSubject = 5 });

        var encrypted = _one.Encrypt("acct00000022", "Ada Lovelace");

        Assert.Equal("Ada Lovelace", _other.TryDecrypt("acct00000022", encrypted));
    }

    public async ValueTask DisposeAsync()
    {
        _one.DestroyAll();
        await _one.DisposeAsync();
        await _other.DisposeAsync();
    }
}
