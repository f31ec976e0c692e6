using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Privacy;

/// <summary>
/// The data keys, one per subject, in their own SQLite file — never in the log or the read models.
/// Destroying a key deletes its row with <c>secure_delete</c> on (the freed bytes are overwritten with
/// zeros), checkpoints the WAL with TRUNCATE (so no old frame still holds it), drops the pooled
/// connections' page caches, and zeroes the copy this class cached in memory.
/// The schema is one table created here rather than by EF Core migrations: every write to this file must
/// run under these pragmas, and nothing else ever queries it.
/// </summary>
public sealed class SqliteKeyStore : IPersonalDataVault
{
    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, (string KeyId, byte[] Key)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SqliteKeyStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS keys (subject TEXT NOT NULL PRIMARY KEY, key_id TEXT NOT NULL UNIQUE, key BLOB NOT NULL, created_at TEXT NOT NULL)");
    }

    public string Path { get; }

    public EncryptedText Encrypt(string subject, string plaintext)
    {
        var (keyId, key) = GetOrCreate(subject);
        return FieldCipher.Encrypt(key, keyId, subject, plaintext);
    }

    public string? TryDecrypt(string subject, EncryptedText encrypted)
    {
        if (Find(subject) is not { } entry || entry.KeyId != encrypted.KeyId) return null;
        try
        {
            return FieldCipher.Decrypt(entry.Key, subject, encrypted);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null; // tampered with, or not this subject's: unreadable either way
        }
    }

    public bool HasKey(string subject) => Find(subject) is not null;

    /// <summary>The key id for a subject, if it still has a key (for showing; the key itself is never shown).</summary>
    public string? KeyIdOf(string subject) => Find(subject)?.KeyId;

    public bool Forget(string subject)
    {
        lock (_gate)
        {
            if (_cache.TryRemove(subject, out var cached)) CryptographicOperations.ZeroMemory(cached.Key);
            int deleted;
            using (var connection = Open())
            {
                using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM keys WHERE subject = $s";
                delete.Parameters.AddWithValue("$s", subject);
                deleted = delete.ExecuteNonQuery();
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }

            // Pooled connections keep pages in their caches: close them so no copy of the old page survives.
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            return deleted > 0;
        }
    }

    /// <summary>Destroys every key (a fresh demo ledger: the subjects they belonged to are gone).</summary>
    public void DestroyAll()
    {
        lock (_gate)
        {
            foreach (var subject in _cache.Keys.ToList())
            {
                if (_cache.TryRemove(subject, out var cached)) CryptographicOperations.ZeroMemory(cached.Key);
            }

            using (var connection = Open())
            {
                Execute(connection, "DELETE FROM keys");
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }

            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        }
    }

    /// <summary>Closes this file's pooled connections (and only this file's).</summary>
    public void ReleaseConnections() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    private (string KeyId, byte[] Key) GetOrCreate(string subject)
    {
        if (Find(subject) is { } existing) return existing;
        lock (_gate)
        {
            if (Find(subject) is { } raced) return raced;
            var entry = (KeyId: Guid.NewGuid().ToString("N"), Key: RandomNumberGenerator.GetBytes(FieldCipher.KeySize));
            using var connection = Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO keys (subject, key_id, key, created_at) VALUES ($s, $id, $k, $at)";
            insert.Parameters.AddWithValue("$s", subject);
            insert.Parameters.AddWithValue("$id", entry.KeyId);
            insert.Parameters.AddWithValue("$k", entry.Key);
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
            _cache[subject] = entry;
            return entry;
        }
    }

    private (string KeyId, byte[] Key)? Find(string subject)
    {
        if (_cache.TryGetValue(subject, out var cached)) return cached;
        // Under the gate, so a read racing a Forget cannot put the key back into the cache after it was zeroed.
        lock (_gate) return Load(subject);
    }

    private (string KeyId, byte[] Key)? Load(string subject)
    {
        if (_cache.TryGetValue(subject, out var cached)) return cached;
        using var connection = Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT key_id, key FROM keys WHERE subject = $s";
        select.Parameters.AddWithValue("$s", subject);
        using var reader = select.ExecuteReader();
        if (!reader.Read()) return null;
        var entry = (reader.GetString(0), (byte[])reader.GetValue(1));
        _cache[subject] = entry;
        return entry;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA secure_delete=ON;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
