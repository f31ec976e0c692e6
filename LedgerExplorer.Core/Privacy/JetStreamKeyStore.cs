using System.Security.Cryptography;
using LedgerExplorer.Core.EventStore.JetStream;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace LedgerExplorer.Core.Privacy;

/// <summary>
/// The personal-data keys on the ledger's NATS cluster, so that every App on one log encrypts and decrypts with the same
/// keys and a forget by any of them destroys the key for all. One stream of its own (<c>{Stream}_KEYS</c>), one message
/// per subject (<c>{prefix}-keys.key.{subject}</c>: the key id's 16 bytes and the key's 32), written only if the subject
/// has none yet (<c>Nats-Expected-Last-Subject-Sequence: 0</c>: two Apps racing to create a subject's key agree on the
/// winner's). Forget deletes that message with JetStream's erase (its bytes overwritten, not only unlinked). The forget
/// journal is a message per subject under way (<c>{prefix}-keys.forget.{subject}</c>).
/// <para>
/// <b>One replica, on purpose.</b> On a replicated (R3) stream every node's Raft log keeps each message's payload until
/// the group compacts it — on nats-server 2.9 not before the log has 65,536 entries or 8 MB — so a forgotten key's bytes
/// stay on every node after the message itself is erased (measured: docs/BACKENDS.md). An R1 stream has no Raft log:
/// the erased message is the only copy. The price is said plainly: the keys live on one node, and while it is down names
/// cannot be decrypted (balances, which hold no personal data, are unaffected).
/// </para>
/// No key is cached: every use asks the cluster (one message get), so a key destroyed by any App is gone for all at once.
/// </summary>
public sealed partial class JetStreamKeyStore : IKeyStore, IAsyncDisposable
{
    private const int WrongLastSequence = 10071;
    private const int StreamNotFound = 10059;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly NatsClient _client;
    private readonly INatsJSContext _js;
    private readonly string _stream;
    private readonly string _keys;
    private readonly string _forgets;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private INatsJSStream? _created;

    public JetStreamKeyStore(JetStreamOptions options)
    {
        _client = new NatsClient(new NatsOpts { Url = options.Url, PingInterval = TimeSpan.FromSeconds(2), MaxPingOut = 2 });
        _js = _client.CreateJetStreamContext();
        _stream = options.Stream + "_KEYS";
        _keys = options.SubjectPrefix + "-keys.key.";
        _forgets = options.SubjectPrefix + "-keys.forget.";
        Location = $"stream {_stream} on {options.Url} (one replica)";
    }

    /// <summary>Where the keys are, for the screens.</summary>
    public string Location { get; }

    public EncryptedText Encrypt(string subject, string plaintext)
    {
        var (keyId, key) = Run(() => GetOrCreateAsync(subject));
        try
        {
            return FieldCipher.Encrypt(key, keyId, subject, plaintext);
        }
        // Stryker disable once Block : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
        finally
        {
            // Stryker disable once Statement : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public string? TryDecrypt(string subject, EncryptedText encrypted)
    {
        if (Run(() => LoadAsync(subject)) is not { } entry) return null;
        try
        {
            return entry.KeyId == encrypted.KeyId ? FieldCipher.Decrypt(entry.Key, subject, encrypted) : null;
        }
        // Stryker disable once Block : equivalent — an emptied catch returns default, which is the null it returns
        catch (AuthenticationTagMismatchException)
        {
            return null; // tampered with, or not this subject's: unreadable either way
        }
        // Stryker disable once Block : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
        finally
        {
            // Stryker disable once Statement : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
            CryptographicOperations.ZeroMemory(entry.Key);
        }
    }

    public bool HasKey(string subject) => KeyIdOf(subject) is not null;

    public string? KeyIdOf(string subject)
    {
        if (Run(() => LoadAsync(subject)) is not { } entry) return null;
        // Stryker disable once Statement : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
        CryptographicOperations.ZeroMemory(entry.Key);
        return entry.KeyId;
    }

    /// <summary>Erases the subject's key message on the cluster (overwritten, not only unlinked). False if it had none.</summary>
    public bool Forget(string subject) => Run(async () =>
    {
        var stream = await StreamAsync();
        if (await LastAsync(stream, _keys + subject) is not { } message) return false;
        var deleted = await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = message.Seq, NoErase = false });
        // Stryker disable once String : NATS.Net throws for an API error; a refusal without one is not something a test can make the server give
        if (!deleted.Success) throw new IOException($"The cluster did not erase the key of {subject} (message {message.Seq}).");
        return true;
    });

    public void DestroyAll() => Run(async () =>
    {
        // Start over: the stream and its files go, every key with them.
        await _createGate.WaitAsync();
        try
        {
            try
            {
                await _js.DeleteStreamAsync(_stream);
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
            }

            _created = null;
        }
        finally
        {
            _createGate.Release();
        }
    });

    private async Task<(string KeyId, byte[] Key)> GetOrCreateAsync(string subject)
    {
        if (await LoadAsync(subject) is { } existing) return existing;
        var key = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);
        var keyId = Guid.NewGuid();
        var body = new byte[16 + FieldCipher.KeySize];
        keyId.TryWriteBytes(body);
        key.CopyTo(body, 16);
        try
        {
            var ack = await _js.PublishAsync(_keys + subject, body, opts: new NatsJSPubOpts { ExpectedLastSubjectSequence = 0 });
            // Another App created this subject's key first: use theirs, so both encrypt under one key.
            // Stryker disable once String : a key created by another App and erased again between two calls of this one — no test can time that
            if (ack.Error is { ErrCode: WrongLastSequence }) return await LoadAsync(subject) ?? throw new IOException($"The key of {subject} was created and is gone again.");
            // Stryker disable once Statement : a refusal other than a lost race needs a server fault the tests cannot arrange here
            ack.EnsureSuccess();
            return (keyId.ToString("N"), key);
        }
        // Stryker disable once Block : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
        finally
        {
            // Stryker disable once Statement : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
            CryptographicOperations.ZeroMemory(body);
        }
    }

    private async Task<(string KeyId, byte[] Key)?> LoadAsync(string subject)
    {
        var stream = await StreamAsync();
        if (await LastAsync(stream, _keys + subject) is not { } message || message.Data.Length != 16 + FieldCipher.KeySize) return null;
        var data = message.Data.ToArray();
        try
        {
            return (new Guid(data.AsSpan(0, 16)).ToString("N"), data[16..]);
        }
        // Stryker disable once Block : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
        finally
        {
            // Stryker disable once Statement : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
            CryptographicOperations.ZeroMemory(data);
        }
    }

    private static async Task<StoredMessage?> LastAsync(INatsJSStream stream, string subject)
    {
        try
        {
            var response = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = subject });
            return response.Message;
        }
        // Stryker disable once Block : equivalent — an emptied catch falls through to the method's end, which returns default: the same null
        catch (NatsJSApiException e) when (e.Error.Code == 404) // no message on the subject (10037), or no stream yet
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();
}
