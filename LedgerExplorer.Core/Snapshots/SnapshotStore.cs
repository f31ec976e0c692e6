using LedgerExplorer.Core.Projections;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Snapshots;

/// <summary>Snapshots in the derived-data database (with the read models): disposable, since the log can always recompute them.</summary>
public sealed class SnapshotStore(ReadModelDatabase database)
{
    private const string Columns = "stream_id, version, position, recorded_at, state_schema_version, data, checksum";
    private const string ReadColumns = Columns + ", verified_with";

    /// <summary>Saves (or replaces) snapshots; a new one is unverified until checked against the events.</summary>
    public void Save(Snapshot snapshot) => SaveMany([snapshot]);

    public void SaveMany(IReadOnlyList<Snapshot> snapshots)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT OR REPLACE INTO snapshots ({Columns}) VALUES ($s, $v, $p, $r, $sv, $d, $c)";
        foreach (var name in new[] { "$s", "$v", "$p", "$r", "$sv", "$d", "$c" }) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        // Stryker disable once Statement : preparing is for speed; unprepared, the statement is compiled on its first run
        command.Prepare();
        foreach (var s in snapshots)
        {
            var p = command.Parameters;
            p[0].Value = s.StreamId;
            p[1].Value = s.Version;
            p[2].Value = s.Position;
            p[3].Value = ReadModelFormat.Instant(s.RecordedAt);
            p[4].Value = s.StateSchemaVersion;
            p[5].Value = s.Data;
            p[6].Value = s.Checksum;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The stream's snapshots, newest first, that cover no more than the given bounds — never a quarantined one.</summary>
    public IReadOnlyList<Snapshot> Candidates(string streamId, long? maxVersion = null, long? maxPosition = null, DateTimeOffset? maxRecordedAt = null, int limit = 3)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReadColumns} FROM snapshots WHERE stream_id = $s AND version <= $v AND position <= $p AND recorded_at <= $r AND quarantined_at IS NULL ORDER BY version DESC LIMIT $n";
        command.Parameters.AddWithValue("$s", streamId);
        command.Parameters.AddWithValue("$v", maxVersion ?? long.MaxValue);
        command.Parameters.AddWithValue("$p", maxPosition ?? long.MaxValue);
        command.Parameters.AddWithValue("$r", maxRecordedAt is { } t ? ReadModelFormat.Instant(t) : "9999");
        command.Parameters.AddWithValue("$n", limit);
        return Read(command);
    }

    public IReadOnlyList<Snapshot> ForStream(string streamId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReadColumns} FROM snapshots WHERE stream_id = $s ORDER BY version";
        command.Parameters.AddWithValue("$s", streamId);
        return Read(command);
    }

    /// <summary>The stream's usable snapshots (not quarantined) with versions in (<paramref name="after"/>, <paramref name="upTo"/>], oldest first.</summary>
    public IReadOnlyList<Snapshot> Between(string streamId, long after, long upTo)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReadColumns} FROM snapshots WHERE stream_id = $s AND version > $a AND version <= $u AND quarantined_at IS NULL ORDER BY version";
        command.Parameters.AddWithValue("$s", streamId);
        command.Parameters.AddWithValue("$a", after);
        command.Parameters.AddWithValue("$u", upTo);
        return Read(command);
    }

    /// <summary>The newest snapshot below <paramref name="version"/> already checked under today's fold code, or null.</summary>
    public Snapshot? NewestVerifiedBelow(string streamId, long version)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReadColumns} FROM snapshots WHERE stream_id = $s AND version < $v AND verified_with = $f AND quarantined_at IS NULL ORDER BY version DESC LIMIT 1";
        command.Parameters.AddWithValue("$s", streamId);
        command.Parameters.AddWithValue("$v", version);
        command.Parameters.AddWithValue("$f", FoldCode.Current);
        return Read(command).FirstOrDefault();
    }

    /// <summary>Snapshots not yet checked under today's fold code (and not quarantined), oldest version first, for the background check.</summary>
    public IReadOnlyList<Snapshot> Unverified(int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReadColumns} FROM snapshots WHERE (verified_with IS NULL OR verified_with <> $f) AND quarantined_at IS NULL ORDER BY stream_id, version LIMIT $n";
        command.Parameters.AddWithValue("$f", FoldCode.Current);
        command.Parameters.AddWithValue("$n", limit);
        return Read(command);
    }

    public void MarkVerified(string streamId, long version) =>
        Execute("UPDATE snapshots SET verified_with = $f WHERE stream_id = $s AND version = $v", streamId, version, ("$f", FoldCode.Current));

    /// <summary>Takes a snapshot out of use for good (it stays, for whoever wants to see what was wrong with it).</summary>
    public void Quarantine(string streamId, long version, string reason, DateTimeOffset at) =>
        Execute("UPDATE snapshots SET quarantined_at = $at, quarantine_reason = $why WHERE stream_id = $s AND version = $v", streamId, version,
            ("$at", ReadModelFormat.Instant(at)), ("$why", reason));

    /// <summary>Whether (and why) a snapshot is quarantined; null when it is not.</summary>
    public string? QuarantineReason(string streamId, long version)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT quarantine_reason FROM snapshots WHERE stream_id = $s AND version = $v AND quarantined_at IS NOT NULL";
        command.Parameters.AddWithValue("$s", streamId);
        command.Parameters.AddWithValue("$v", version);
        return command.ExecuteScalar() as string;
    }

    public SnapshotHealth Health()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(SUM(quarantined_at IS NULL AND verified_with = $f), 0), COALESCE(SUM(quarantined_at IS NOT NULL), 0) FROM snapshots";
        command.Parameters.AddWithValue("$f", FoldCode.Current);
        using var row = command.ExecuteReader();
        row.Read();
        var (total, verified, quarantined) = (row.GetInt64(0), row.GetInt64(1), row.GetInt64(2));
        return new SnapshotHealth(total, verified, total - verified - quarantined, quarantined);
    }

    /// <summary>Removes every snapshot of one stream (they cache the decrypted owner: forgetting must not leave them). Returns how many.</summary>
    public int DeleteStream(string streamId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM snapshots WHERE stream_id = $s";
        command.Parameters.AddWithValue("$s", streamId);
        return command.ExecuteNonQuery();
    }

    public void Clear()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM snapshots";
        command.ExecuteNonQuery();
    }

    private void Execute(string sql, string streamId, long version, params (string Name, object Value)[] values)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", streamId);
        command.Parameters.AddWithValue("$v", version);
        foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    private static List<Snapshot> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var snapshots = new List<Snapshot>();
        while (reader.Read())
        {
            snapshots.Add(new Snapshot(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), ReadModelFormat.ParseInstant(reader.GetString(3)),
                reader.GetInt32(4), reader.GetString(5), reader.GetString(6)) { VerifiedWith = reader.IsDBNull(7) ? null : reader.GetString(7) });
        }

        return snapshots;
    }
}
