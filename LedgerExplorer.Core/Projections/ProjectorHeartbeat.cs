namespace LedgerExplorer.Core.Projections;

/// <summary>
/// The projector's one-row heartbeat in the read-model database. The projector beats about once a second;
/// whoever reads it (the App, whichever process the projector runs in) calls a heartbeat older than
/// <see cref="StaleAfter"/> stopped — which is what a killed process looks like.
/// </summary>
public sealed class ProjectorHeartbeat(ReadModelDatabase database, TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(3);

    public void Beat(int processId, DateTimeOffset startedAt, ProjectorRunState state)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO projector (id, process_id, started_at, beat_at, state) VALUES (1, $pid, $started, $beat, $state) " +
                              "ON CONFLICT(id) DO UPDATE SET process_id = excluded.process_id, started_at = excluded.started_at, beat_at = excluded.beat_at, state = excluded.state";
        command.Parameters.AddWithValue("$pid", processId);
        command.Parameters.AddWithValue("$started", ReadModelFormat.Instant(startedAt));
        command.Parameters.AddWithValue("$beat", ReadModelFormat.Instant(clock.GetUtcNow()));
        command.Parameters.AddWithValue("$state", state.ToString().ToLowerInvariant());
        command.ExecuteNonQuery();
    }

    public ProjectorLiveness Read()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT process_id, started_at, beat_at, state FROM projector WHERE id = 1";
        using var row = command.ExecuteReader();
        if (!row.Read()) return new ProjectorLiveness(ProjectorRunState.Stopped, null, null, null);

        var beatAt = ReadModelFormat.ParseInstant(row.GetString(2));
        var state = Enum.Parse<ProjectorRunState>(row.GetString(3), ignoreCase: true);
        if (state != ProjectorRunState.Stopped && clock.GetUtcNow() - beatAt > StaleAfter) state = ProjectorRunState.Stopped; // no beat: it died
        return new ProjectorLiveness(state, row.GetInt32(0), ReadModelFormat.ParseInstant(row.GetString(1)), beatAt);
    }
}

public enum ProjectorRunState
{
    Running,
    Paused,
    Stopped,
}

/// <summary>The projector as its heartbeat shows it: state, process id, when it started and when it last beat.</summary>
public sealed record ProjectorLiveness(ProjectorRunState State, int? ProcessId, DateTimeOffset? StartedAt, DateTimeOffset? LastBeatAt);
