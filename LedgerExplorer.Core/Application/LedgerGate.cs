namespace LedgerExplorer.Core.Application;

/// <summary>
/// Lets commands through while the ledger is open, and lets an operation that replaces the whole ledger (starting
/// over) close it: closing waits for the commands already inside to finish, and refuses new ones with a reason until
/// reopened — so no command can decide on the old log and append to the new one.
/// </summary>
public sealed class LedgerGate
{
    private readonly Lock _lock = new();
    private int _inside;
    private string? _closedBecause;

    public bool TryEnter(out string? closedBecause)
    {
        lock (_lock)
        {
            closedBecause = _closedBecause;
            if (closedBecause is not null) return false;
            _inside++;
            return true;
        }
    }

    public void Exit()
    {
        lock (_lock) _inside--;
    }

    /// <summary>Closes the gate and waits until no command is inside; disposing the result opens it again.</summary>
    public async Task<IAsyncDisposable> CloseAsync(string because, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_closedBecause is not null) throw new InvalidOperationException("The ledger is already closed: " + _closedBecause);
            _closedBecause = because;
        }

        try
        {
            while (Volatile.Read(ref _inside) > 0) await Task.Delay(5, cancellationToken);
        }
        catch
        {
            Open();
            throw;
        }

        return new Reopening(this);
    }

    private void Open()
    {
        lock (_lock) _closedBecause = null;
    }

    private sealed class Reopening(LedgerGate gate) : IAsyncDisposable
    {
        private int _done;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Open();
            return ValueTask.CompletedTask;
        }
    }
}
