namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>Event stream ids as subjects: <c>{prefix}.{streamId}</c>, one token, so no id can reach another's messages.</summary>
internal sealed class JetStreamSubjects(string prefix)
{
    public string SubjectOf(string streamId)
    {
        if (string.IsNullOrEmpty(streamId) || streamId.AsSpan().IndexOfAny(". *>\t\r\n") >= 0)
            throw new ArgumentException($"Stream id '{streamId}' cannot be a subject token (no dots, spaces, '*' or '>').", nameof(streamId));
        return $"{prefix}.{streamId}";
    }

    public string StreamIdOf(string subject) => subject[(prefix.Length + 1)..];
}
