using LedgerExplorer.Core.Projections;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Snapshots;

/// <summary>Snapshots in the derived-data database (with the read models): disposable, since the log can always recompute them.</summary>
public sealed class SnapshotStore(ReadModelDatabase database)
{
    private const string Columns = "stream_id, version, position, recorded_at, state_schema_version, data, checksum";

    public void Save(Snapshot snapshot) => SaveMany([snapshot]);

    public void SaveMany(IReadOnlyList<Snapshot> snapshots)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT OR REPLACE INTO snapshots ({Columns}) VALUES ($s, $v, $p, $r, $sv, $d, $c)";
        foreach (var name in new[] { "$s", "$v", "$p", "$r", "$sv", "$d", "$c" }) command.Parameters.Add(new SqliteParameter { ParameterName = name });
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

    /// <summary>The stream's snapshots, newest first, that cover no more than the given bounds.</summary>
    public IReadOnlyList<Snapshot> Candidates(string streamId, long? maxVersion = null, long? maxPosition = null, DateTimeOffset? maxRecordedAt = null, int limit = 3)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM snapshots WHERE stream_id = $s AND version <= $v AND position <= $p AND recorded_at <= $r ORDER BY version DESC LIMIT $n";
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
        command.CommandText = $"SELECT {Columns} FROM snapshots WHERE stream_id = $s ORDER BY version";
        command.Parameters.AddWithValue("$s", streamId);
        return Read(command);
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

    private static List<Snapshot> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var snapshots = new List<Snapshot>();
        while (reader.Read())
        {
            snapshots.Add(new Snapshot(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), ReadModelFormat.ParseInstant(reader.GetString(3)),
                reader.GetInt32(4), reader.GetString(5), reader.GetString(6)));
        }

        return snapshots;
    }
}
