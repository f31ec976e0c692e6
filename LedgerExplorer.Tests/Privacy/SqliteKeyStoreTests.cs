using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Privacy;

/// <summary>The keys in a SQLite file of their own: two key-store instances on one file stand for two processes (the App and its projector).</summary>
[Trait("Proof", "CryptoShredding")]
public sealed class SqliteKeyStoreTests : KeyStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteKeyStore _one;
    private readonly SqliteKeyStore _other;

    public SqliteKeyStoreTests()
    {
        _one = new SqliteKeyStore(_directory.File("keys.db"));
        _other = new SqliteKeyStore(_directory.File("keys.db"));
    }

    protected override IKeyStore One => _one;

    protected override IKeyStore Other => _other;

    [Fact]
    public void Start_over_leaves_no_key_row_in_any_file_of_the_store()
    {
        _one.Encrypt("acct00000030", "Ada Lovelace");
        var keyId = System.Text.Encoding.UTF8.GetBytes(_one.KeyIdOf("acct00000030")!);
        bool OnDisk() => Directory.GetFiles(_directory.Path).Any(f => FileScan.Holds(f, keyId));
        Assert.True(OnDisk()); // the negative control: the row is there to be found

        _other.DestroyAll();

        Assert.False(OnDisk());
    }

    public void Dispose()
    {
        _one.ReleaseConnections();
        _directory.Dispose();
    }
}
