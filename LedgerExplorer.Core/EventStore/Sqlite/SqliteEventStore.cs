using System.Threading.Channels;

namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends go through <b>group commit</b>: callers
/// queue their append and one writer loop drains whatever is waiting into a single transaction on a
/// dedicated connection (<c>synchronous=FULL</c>: a ledger must survive power loss), checks each append's
/// expected version in arrival order, commits once, and only then answers every caller — each with its own
/// result or its own <see cref="ConcurrencyException"/>. If the commit itself fails, every caller in that
/// batch gets the error and none of its appends is durable. A lone append is written at once; it never waits
/// for company. Reads go to <see cref="SqliteEventReader"/>
/// (pooled connections; they never block the writer). Each event's recorded-at is stamped by the writer at commit
/// from <paramref name="clock"/> (the wall clock unless a test fakes it); nothing an appender sends can set it.
/// </summary>
public sealed class SqliteEventStore(SqliteLedgerDatabase database, TimeProvider? clock = null) : IEventStore, ICommandKeyLookup, IEventChain, IAsyncDisposable
{
    /// <summary>The most appends one commit may carry.</summary>
    public const int MaxBatch = 256;

    /// <summary>How many times the writer yields, at most, to gather a busy batch (the "short time window").</summary>
    private const int GatherYields = 32;

    // Stryker disable once Initializer,Boolean : equivalent — SingleReader is a hint that lets the channel take a faster path; there is one reader either way
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _startGate = new();
    private Task? _writerLoop;
    private readonly SqliteEventReader _reader = new(database);
    private SqliteBatchWriter? _writer;
    private long _commits;
    private int _lastBatch = 1; // recent appends per commit, decaying: > 1 means writers are busy
    private int _queued; // appends in the queue, not yet taken by the writer loop (the single-reader channel does not count)
    private long _appends;
    private int _disposed; // 1 once DisposeAsync began: no append is written after it, even on the fast path

    /// <summary>How many transactions have committed appends, and how many appends they carried: appends / commits is the batching at work.</summary>
    public (long Commits, long Appends) CommitStatistics => (Interlocked.Read(ref _commits), Interlocked.Read(ref _appends));

    public Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));
        cancellationToken.ThrowIfCancellationRequested();

        var pending = new PendingAppend(streamId, expectedVersion, events);

        // Fast path for a quiet store: the last commit carried a lone append, nothing is waiting and nobody is
        // writing — so write this one now, on the caller's thread, sparing two thread hops. Once commits carry
        // company, every append goes through the queue and is batched.
        // Stryker disable once Logical,Equality : which path an append takes (written at once, or queued for the next batch) is part of the group commit's batching heuristic, which decides how appends share commits, not what is stored: the group-commit contract and property hold either way, and the benchmarks measure it (docs/EVIDENCE.md)
        var quiet = Volatile.Read(ref _lastBatch) <= 1 && Volatile.Read(ref _queued) == 0;
        if (quiet && _writeGate.Wait(0))
        {
            try
            {
                // Under the gate: a dispose waits for it before it closes the writer, and nothing may reopen the writer
                // after that. (A queued append is refused by the completed queue below.)
                ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
                WriteBatch([pending]);
            }
            finally
            {
                _writeGate.Release();
            }

            pending.Complete();
            return pending.Completion.Task;
        }

        // Once queued, an append is not withdrawn: it may commit even if the caller stops waiting.
        // Stryker disable once Statement : the queue count only steers the fast path above, part of the group commit's batching heuristic, which decides how appends share commits, not what is stored: the group-commit contract and property hold either way, and the benchmarks measure it (docs/EVIDENCE.md)
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(pending))
        {
            // Stryker disable once Statement : the store is disposed: the count steers a fast path no append takes again
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(SqliteEventStore));
        }

        EnsureWriterLoop();
        return pending.Completion.Task;
    }

    private void Drain(List<PendingAppend> batch)
    {
        // Stryker disable once Equality : a bound on a commit's size (256 or 257 appends), part of the group commit's batching heuristic, which decides how appends share commits, not what is stored: the group-commit contract and property hold either way, and the benchmarks measure it (docs/EVIDENCE.md)
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
        {
            // Stryker disable once Statement : the queue count only steers the fast path, part of the group commit's batching heuristic, which decides how appends share commits, not what is stored: the group-commit contract and property hold either way, and the benchmarks measure it (docs/EVIDENCE.md)
            Interlocked.Decrement(ref _queued);
            batch.Add(next);
        }
    }

    /// <summary>Writes one batch under the write gate; on failure every append in it gets the error (none of it is durable).</summary>
    private void WriteBatch(List<PendingAppend> batch)
    {
        try
        {
            _writer ??= SqliteBatchWriter.Open(database, clock ?? TimeProvider.System);
            _writer.Write(batch);
            // How busy writers are: the batch size, decaying slowly — one short batch should not shrink the next
            // gathering window, and a quiet store comes back to 1 (and the fast path) after a few lone commits.
            // Stryker disable once all : how fast the busy-ness decays, part of the group commit's batching heuristic, which decides how appends share commits, not what is stored: the group-commit contract and property hold either way, and the benchmarks measure it (docs/EVIDENCE.md)
            Volatile.Write(ref _lastBatch, Math.Max(batch.Count, Volatile.Read(ref _lastBatch) * 3 / 4));
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _appends, batch.Count);
        }
        catch (Exception ex)
        {
            // The commit failed (disk full, I/O error, anything): nothing in this batch is durable, so nobody is
            // told otherwise — and the writer loop must never die, or every later append would wait forever.
            // Stryker disable once Statement : closing the failed connection; left open it is a leaked pooled connection, which nothing observes (the next batch opens a new writer either way)
            _writer?.Dispose();
            _writer = null;
            foreach (var pending in batch) pending.Outcome = ex;
        }
    }

    public IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default) =>
        _reader.ReadStreamAsync(streamId, range, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        _reader.ReadAllAsync(fromPosition, maxCount, cancellationToken);

    public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => _reader.ReadHeadPositionAsync(cancellationToken);

    public Task<IReadOnlyList<ChainLink>> ReadChainAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        _reader.ReadChainAsync(fromPosition, maxCount, cancellationToken);

    public Task<IReadOnlyList<ChainedEvent>> ReadChainedAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        _reader.ReadChainedAsync(fromPosition, maxCount, cancellationToken);

    public Task<StoredEvent?> FindFirstAsync(string commandKey, string streamId, CancellationToken cancellationToken = default) =>
        _reader.FindFirstAsync(commandKey, streamId, cancellationToken);

    /// <summary>
    /// Closes the writer and holds every append back until the returned lease is disposed, so the files
    /// can be replaced (a fresh demo ledger). Reads are not held back.
    /// </summary>
    public async Task<IAsyncDisposable> PauseWritesAsync(CancellationToken cancellationToken = default)
    {
        var lease = await WriteLease.TakeAsync(_writeGate, cancellationToken);
        // Stryker disable once Statement : the writer's connection goes back to SQLite's pool either way (and a start-over clears the pool); nothing in the process can tell
        _writer?.Dispose();
        _writer = null;
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, 1);
        _queue.Writer.TryComplete();
        if (_writerLoop is { } loop) await loop;
        await _writeGate.WaitAsync();
        // Stryker disable once Statement : the writer's connection goes back to SQLite's pool either way; nothing in the process can tell
        _writer?.Dispose();
        _writer = null;
        // Stryker disable once Statement : after a dispose nothing takes the gate again (an append is refused before it)
        _writeGate.Release();
    }

    private void EnsureWriterLoop()
    {
        // Stryker disable once Statement : equivalent — the check under the lock below answers the same, this one only spares the lock
        if (_writerLoop is not null) return;
        lock (_startGate)
        {
            _writerLoop ??= Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            Drain(batch);

            // A short gathering window, only while writers are busy: if the last commit carried company and
            // fewer have arrived so far, yield a few times so writers answered by that commit can queue their
            // next append. A lone writer (last batch of one) is never delayed.
            var lastBatch = Volatile.Read(ref _lastBatch);
            // Stryker disable all : the gathering window, part of the group commit's batching heuristic, which decides how appends share commits, not what is stored: the group-commit contract and property hold either way, and the benchmarks measure it (docs/EVIDENCE.md)
            for (var yields = 0; lastBatch > 1 && batch.Count < lastBatch && batch.Count < MaxBatch && yields < GatherYields; yields++)
            {
                await Task.Yield();
                Drain(batch);
            }

            // Stryker restore all

            await _writeGate.WaitAsync();
            try
            {
                WriteBatch(batch);
            }
            finally
            {
                _writeGate.Release();
            }

            foreach (var pending in batch) pending.Complete();
            batch.Clear();
        }
    }
}
