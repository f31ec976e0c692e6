namespace LedgerExplorer.Core.Application;

/// <summary>
/// Tells in-process listeners (open pages) that the log grew. A subscription is an <see cref="IDisposable"/>:
/// a component subscribes when it appears and disposes the subscription when it goes.
/// </summary>
public sealed class LedgerNotifications
{
    private readonly Lock _gate = new();
    private Action<long>[] _handlers = [];

    public IDisposable Subscribe(Action<long> onAppended)
    {
        lock (_gate) _handlers = [.. _handlers, onAppended];
        return new Subscription(this, onAppended);
    }

    /// <summary>Called after a commit; <paramref name="position"/> is the new head of the log.</summary>
    public void Appended(long position)
    {
        // Copy-on-write array: publishing never takes the lock and never sees a half-changed list.
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            handler(position);
        }
    }

    private void Unsubscribe(Action<long> handler)
    {
        lock (_gate) _handlers = [.. _handlers.Where(h => h != handler)];
    }

    private sealed class Subscription(LedgerNotifications owner, Action<long> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }
}
