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

    public void Dispose()
    {
        _one.ReleaseConnections();
        _directory.Dispose();
    }
}
