namespace LedgerExplorer.App.Features.Load;

/// <summary>
/// The App's one burst at a time (the Projector page's button): runs the <see cref="LoadGenerator"/> in the
/// background and keeps its samples and summary, so whoever opens the page sees the burst in progress.
/// </summary>
public sealed class BurstRunner(IServiceProvider services, ILogger<BurstRunner> logger)
{
    private readonly Lock _gate = new();
    private readonly List<LagSample> _samples = [];

    public event Action? Changed;

    public bool IsRunning { get; private set; }

    public LoadPlan? Plan { get; private set; }

    public double Fraction { get; private set; }

    public LoadSummary? Summary { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<LagSample> Samples
    {
        get
        {
            lock (_gate) return [.. _samples];
        }
    }

    /// <summary>Starts a burst unless one is running; returns false if one was.</summary>
    public bool TryStart(LoadPlan plan)
    {
        plan.Validate();
        lock (_gate)
        {
            if (IsRunning) return false;
            IsRunning = true;
            Plan = plan;
            Fraction = 0;
            Summary = null;
            Error = null;
            _samples.Clear();
        }

        Changed?.Invoke();
        _ = Task.Run(() => RunAsync(plan));
        return true;
    }

    private async Task RunAsync(LoadPlan plan)
    {
        try
        {
            var generator = services.GetRequiredService<LoadGenerator>();
            Summary = await generator.RunAsync(plan, new Progress(this));
        }
        catch (Exception e)
        {
            logger.LogError(e, "The burst failed");
            Error = e.Message;
        }
        finally
        {
            IsRunning = false;
            Fraction = 1;
            Changed?.Invoke();
        }
    }

    private sealed class Progress(BurstRunner runner) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            lock (runner._gate)
            {
                runner._samples.Add(value.Sample);
                runner.Fraction = value.Fraction;
            }

            runner.Changed?.Invoke();
        }
    }
}
