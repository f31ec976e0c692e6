namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>One caller's append waiting for group commit, and — once its batch has committed — its outcome.</summary>
internal sealed class PendingAppend(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events)
{
    public string StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    public IReadOnlyList<EventData> Events { get; } = events;

    /// <summary>An <see cref="AppendResult"/> or the exception this caller gets.</summary>
    public object? Outcome { get; set; }

    // RunContinuationsAsynchronously: callers' continuations must not run on (and stall) the writer loop.
    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Complete()
    {
        if (Outcome is AppendResult result) Completion.TrySetResult(result);
        // Stryker disable once String : unreachable — every batch gives each of its appends a result or an error; the message guards a future change
        else Completion.TrySetException(Outcome as Exception ?? new InvalidOperationException("The append was never written."));
    }
}
