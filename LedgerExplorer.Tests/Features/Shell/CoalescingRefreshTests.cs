using LedgerExplorer.App.Features.Shell;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Shell;

public sealed class CoalescingRefreshTests
{
    [Fact]
    public async Task A_hundred_signals_during_a_refresh_cause_one_more_refresh_not_a_hundred()
    {
        var calls = 0;
        var release = new TaskCompletionSource();
        var refresh = new CoalescingRefresh(
            async () =>
            {
                if (Interlocked.Increment(ref calls) == 1) await release.Task;
            },
            TimeSpan.FromMilliseconds(1));

        refresh.Request();
        for (var i = 0; i < 100; i++) refresh.Request();
        release.SetResult();

        await Eventually.Within(TimeSpan.FromSeconds(30), () => Task.FromResult(Volatile.Read(ref calls) == 2 ? true : (bool?)null));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref calls));

        refresh.Request(); // idle again: a new signal refreshes again
        await Eventually.Within(TimeSpan.FromSeconds(30), () => Task.FromResult(Volatile.Read(ref calls) == 3 ? true : (bool?)null));
    }
}
