namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>
/// One append waiting for the writer: what to append and where the caller's answer goes. Taken by a writer or abandoned
/// by its caller (cancelled while it waited for the gate), never both.
/// </summary>
internal sealed class PendingAppend(string streamId, string subject, ExpectedVersion expected, IReadOnlyList<EventData> events)
{
    private const int Waiting = 0, Taken = 1, Abandoned = 2;
    private int _state;

    public string StreamId => streamId;
    public string Subject => subject;
    public ExpectedVersion Expected => expected;
    public IReadOnlyList<EventData> Events => events;
    public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;
}
