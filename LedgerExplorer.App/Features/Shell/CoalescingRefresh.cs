namespace LedgerExplorer.App.Features.Shell;

/// <summary>
/// Turns a stream of "something changed" signals (one per append: hundreds a second under a burst) into at
/// most one refresh in flight and at most one every <c>minInterval</c>; a signal during a refresh schedules
/// one more after it, so the last change is always shown.
/// </summary>
public sealed class CoalescingRefresh(Func<Task> refresh, TimeSpan minInterval)
{
    private int _state; // 0 idle, 1 running, 2 running with another requested

    public void Request()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0) _ = RunAsync();
        else Interlocked.CompareExchange(ref _state, 2, 1);
    }

    private async Task RunAsync()
    {
        do
        {
            try
            {
                await refresh();
            }
            catch (ObjectDisposedException)
            {
                return; // the page went away
            }

            await Task.Delay(minInterval);
        }
        while (Interlocked.CompareExchange(ref _state, 1, 2) == 2 || Interlocked.CompareExchange(ref _state, 0, 1) != 1);
    }
}
