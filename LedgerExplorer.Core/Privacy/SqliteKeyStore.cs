using System.Security.Cryptography;
using LedgerExplorer.Core.Sqlite;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Privacy;

/// <summary>
/// The personal-data keys, one per subject, in a SQLite file of their own (never the log, never the read models),
/// owner-only on disk. No key is cached in memory: every use reads it from the file and wipes its copy after, so a
/// key destroyed by any process (the App's forget) is gone for every process at once (the child projector too).
/// Destroying a key deletes its row with <c>secure_delete</c> on, then truncates the WAL and checks that it did.
/// </summary>
public sealed class SqliteKeyStore : IKeyStore
{
    private const int TruncateAttempts = 60;
    private readonly string _connectionString;
    private readonly Lock _gate = new();

    public SqliteKeyStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        PrivateFiles.EnsureFile(Path);
        // Stryker disable once Boolean : pooling is speed only (every forget closes this file's pool before it truncates the WAL)
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS keys (subject TEXT NOT NULL PRIMARY KEY, key_id TEXT NOT NULL UNIQUE, key BLOB NOT NULL, created_at TEXT NOT NULL)");
        Execute(connection, "CREATE TABLE IF NOT EXISTS forgets_under_way (subject TEXT NOT NULL PRIMARY KEY, started_at TEXT NOT NULL)");
    }

    public string Path { get; }

    public EncryptedText Encrypt(string subject, string plaintext)
    {
        var (keyId, key) = GetOrCreate(subject);
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
        if (Load(subject) is not { } entry) return null;
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

    /// <summary>The key id for a subject, if it still has a key (for showing; the key itself is never shown).</summary>
    public string? KeyIdOf(string subject)
    {
        using var connection = Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT key_id FROM keys WHERE subject = $s";
        select.Parameters.AddWithValue("$s", subject);
        return select.ExecuteScalar() as string;
    }

    /// <summary>
    /// Destroys the subject's key: its row deleted, the WAL truncated so no copy of its page is left in a file.
    /// Throws <see cref="IOException"/> when the WAL could not be truncated (readers stayed busy): the key is then
    /// unusable, but its bytes may still be on disk — said plainly rather than reported as done.
    /// </summary>
    public bool Forget(string subject)
    {
        lock (_gate)
        {
            int deleted;
            using (var connection = Open())
            using (var delete = connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM keys WHERE subject = $s";
                delete.Parameters.AddWithValue("$s", subject);
                deleted = delete.ExecuteNonQuery();
            }

            TruncateWal();
            return deleted > 0;
        }
    }

    /// <summary>Destroys every key (a fresh demo ledger: the subjects they belonged to are gone).</summary>
    public void DestroyAll()
    {
        lock (_gate)
        {
            using (var connection = Open())
            {
                Execute(connection, "DELETE FROM keys");
                Execute(connection, "DELETE FROM forgets_under_way");
            }

            TruncateWal();
        }
    }

    public void Begin(string subject) => Run("INSERT OR IGNORE INTO forgets_under_way (subject, started_at) VALUES ($s, $at)", subject);

    public void End(string subject) => Run("DELETE FROM forgets_under_way WHERE subject = $s", subject);

    public IReadOnlyList<string> Pending()
    {
        using var connection = Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT subject FROM forgets_under_way ORDER BY subject";
        using var reader = select.ExecuteReader();
        var subjects = new List<string>();
        while (reader.Read()) subjects.Add(reader.GetString(0));
        return subjects;
    }

    /// <summary>Closes this file's pooled connections (and only this file's).</summary>
    public void ReleaseConnections() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    /// <summary>
    /// <c>wal_checkpoint(TRUNCATE)</c> answers busy (and truncates nothing) while another connection reads the WAL;
    /// so it is retried for a bounded time and its answer checked. Pooled connections are closed first (and after):
    /// they keep pages in their caches.
    /// </summary>
    // The retry's pacing (how many attempts, how long each waits, the pools closed around it) changes how long a busy
    // reader is waited for, not what is on disk when it returns: the tests see the answer, not the pacing.
    private void TruncateWal()
    {
        // Stryker disable once Equality : one attempt more or less is pacing
        for (var attempt = 0; attempt < TruncateAttempts; attempt++)
        {
            // Stryker disable once Statement : pacing — an idle pooled connection holds no read mark, so the checkpoint truncates without this
            ReleaseConnections();
            using (var connection = Open())
            {
                // Stryker disable once Statement,String : pacing — how long one attempt waits for a reader
                Execute(connection, "PRAGMA busy_timeout=25;");
                using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                using var result = checkpoint.ExecuteReader();
                if (result.Read() && result.GetInt32(0) == 0)
                {
                    // Stryker disable once Statement : memory, not files — the pooled connections' page caches
                    ReleaseConnections();
                    return;
                }
            }

            // Stryker disable once Statement : pacing
            Thread.Sleep(25);
        }

        throw new IOException($"The key was deleted, but the key store's WAL ({Path}-wal) could not be truncated: another reader stayed busy. Its bytes may still be on disk until the next checkpoint.");
    }

    private (string KeyId, byte[] Key) GetOrCreate(string subject)
    {
        if (Load(subject) is { } existing) return existing;
        var key = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);
        var keyId = Guid.NewGuid().ToString("N");
        using var connection = Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO keys (subject, key_id, key, created_at) VALUES ($s, $id, $k, $at)";
        insert.Parameters.AddWithValue("$s", subject);
        insert.Parameters.AddWithValue("$id", keyId);
        insert.Parameters.AddWithValue("$k", key);
        // Stryker disable once String : the stamp is kept for a person reading the file; nothing reads it back
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        if (insert.ExecuteNonQuery() == 1) return (keyId, key);

        // Another process (or thread) created this subject's key first: use theirs, so both encrypt under one key.
        // Stryker disable once Statement : wiping this copy of the key leaves nothing the API can see; it keeps the bytes out of a later heap dump
        CryptographicOperations.ZeroMemory(key);
        // Stryker disable once String : a key created by another process and erased again between two statements of this one — no test can time that
        return Load(subject) ?? throw new IOException($"The key of {subject} was created and is gone again.");
    }

    /// <summary>The subject's key as the file holds it now; the caller wipes the returned bytes after use.</summary>
    private (string KeyId, byte[] Key)? Load(string subject)
    {
        using var connection = Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT key_id, key FROM keys WHERE subject = $s";
        select.Parameters.AddWithValue("$s", subject);
        using var reader = select.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), (byte[])reader.GetValue(1)) : null;
    }

    private void Run(string sql, string subject)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", subject);
        // Stryker disable once String : the stamp is kept for a person reading the file; nothing reads it back
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
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
