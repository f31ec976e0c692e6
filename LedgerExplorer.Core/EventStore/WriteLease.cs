namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// Holds a store's write gate until disposed (starting a ledger over pauses every append). Releases the gate
/// exactly once, however often it is disposed: a second release would let two writers in (or throw
/// <see cref="SemaphoreFullException"/>).
/// </summary>
internal sealed class WriteLease(SemaphoreSlim gate) : IAsyncDisposable
{
    private int _released;

    public static async Task<IAsyncDisposable> TakeAsync(SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new WriteLease(gate);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        return ValueTask.CompletedTask;
    }
}
