using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.Core.Hosting;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LedgerExplorer.Tests.Projector;

/// <summary>The App's supervisor of its child projector, driven with stand-in processes and a fake clock.</summary>
public sealed class ChildProjectorSupervisionTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly List<ChildProcess> _launched = [];
    private ProjectorLiveness _liveness = new(ProjectorRunState.Stopped, null, null, null);

    [Fact]
    public async Task A_child_that_dies_at_start_is_started_again_after_a_back_off_that_doubles()
    {
        var supervisor = Supervisor(() => ChildProcess.Start("sh", ["-c", "exit 7"]));
        await supervisor.StartAsync();
        var waits = new List<TimeSpan>();

        for (var round = 0; round < 4; round++)
        {
            await Eventually.Within(TimeSpan.FromSeconds(30), () => Task.FromResult(_launched[^1].HasExited ? true : (bool?)null));
            await supervisor.SuperviseAsync(CancellationToken.None); // notices the exit
            var next = supervisor.Supervision.NextAttemptAt!.Value;
            waits.Add(next - _clock.GetUtcNow());
            _clock.Advance(next - _clock.GetUtcNow() - TimeSpan.FromMilliseconds(1));
            await supervisor.SuperviseAsync(CancellationToken.None); // not yet
            Assert.Equal(round + 1, _launched.Count);
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            await supervisor.SuperviseAsync(CancellationToken.None); // now
            Assert.Equal(round + 2, _launched.Count);
        }

        Assert.Equal([1, 2, 4, 8], waits.Select(w => w.TotalSeconds));
        Assert.Contains("exited with code 7", supervisor.Supervision.LastFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_that_stays_alive_but_stops_beating_is_killed_and_replaced()
    {
        var supervisor = Supervisor(() => ChildProcess.Start("sleep", ["60"]));
        await supervisor.StartAsync();
        var hung = _launched[0];
        _liveness = new ProjectorLiveness(ProjectorRunState.Running, hung.Id, _clock.GetUtcNow(), _clock.GetUtcNow()); // it beat once

        _clock.Advance(ProjectorHeartbeat.StaleAfter + TimeSpan.FromSeconds(1));
        await supervisor.SuperviseAsync(CancellationToken.None);

        Assert.True(hung.HasExited);
        Assert.Contains("hung", supervisor.Supervision.LastFailure, StringComparison.Ordinal);
        _clock.Advance(ChildProjector.FirstBackOff);
        await supervisor.SuperviseAsync(CancellationToken.None);
        Assert.Equal(2, _launched.Count);
    }

    [Fact]
    public async Task A_launch_that_throws_is_a_failure_to_retry_not_the_apps_end_and_a_healthy_child_clears_it()
    {
        var attempts = 0;
        var supervisor = Supervisor(() => ++attempts == 1 ? throw new FileNotFoundException("LedgerExplorer.Projector.dll is not built") : ChildProcess.Start("sleep", ["60"]));

        await supervisor.StartAsync(); // does not throw
        Assert.Contains("could not start", supervisor.Supervision.LastFailure, StringComparison.Ordinal);
        _clock.Advance(ChildProjector.FirstBackOff);
        await supervisor.SuperviseAsync(CancellationToken.None);
        var child = Assert.Single(_launched);
        _liveness = new ProjectorLiveness(ProjectorRunState.Running, child.Id, _clock.GetUtcNow(), _clock.GetUtcNow());
        await supervisor.SuperviseAsync(CancellationToken.None);

        Assert.Equal(ProjectorSupervision.Healthy, supervisor.Supervision);
        await supervisor.StopAsync();
    }

    private ChildProjector Supervisor(Func<ChildProcess> start) => new(() =>
    {
        var child = start();
        _launched.Add(child);
        return child;
    }, () => _liveness, _clock, NullLogger.Instance);

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _launched) await child.DisposeAsync();
    }
}
