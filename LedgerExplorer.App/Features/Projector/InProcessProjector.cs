using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.App.Features.Projector;

/// <summary>The <see cref="ProjectorLoop"/> inside the App (Projector:Mode=InProcess), woken at once by local appends.</summary>
internal sealed class InProcessProjector(ProjectorLoop loop, LedgerNotifications notifications) : IControlledProjector
{
    private CancellationTokenSource? _stop;
    private Task _run = Task.CompletedTask;

    public Task StartAsync()
    {
        if (!_run.IsCompleted) return Task.CompletedTask;
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _run = Task.Run(() => loop.RunAsync(WaitForAppendAsync, token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_stop is not { } stop) return;
        await stop.CancelAsync();
        await _run;
        stop.Dispose();
        _stop = null;
    }

    // The loop survives its own failures (it retries after the poll); nothing to bring back.
    public Task SuperviseAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    private async Task WaitForAppendAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = notifications.Subscribe(_ => appended.TrySetResult());
        try
        {
            await appended.Task.WaitAsync(poll, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }
}
