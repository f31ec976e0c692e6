using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.EventStore.Sqlite;

namespace LedgerExplorer.Tests.Application;

/// <summary>A log that does not answer (a cluster electing a leader) is a retryable "unavailable" for the command, not an error.</summary>
public sealed class UnavailableLogTests
{
    [Fact]
    public async Task A_command_whose_append_or_load_meets_an_unanswering_log_is_answered_unavailable_and_appends_nothing()
    {
        await using var ledger = SqliteHarness.Create();
        var id = AccountId.New();
        await new AccountCommandHandler(ledger.Store, TimeProvider.System, new LedgerNotifications(), ledger.Keys).HandleAsync(id, new OpenAccount("Ada", Plan.Basic, "EUR"), CommandContext.For("t"));
        var head = await ledger.Store.ReadHeadPositionAsync();

        foreach (var failing in new[] { Failing.Append, Failing.Load })
        {
            var handler = new AccountCommandHandler(new Unanswering(ledger.Store, failing), TimeProvider.System, new LedgerNotifications(), ledger.Keys);

            var outcome = await handler.HandleAsync(id, new Deposit(10m), CommandContext.For("t"));

            var unavailable = Assert.IsType<CommandOutcome.Unavailable>(outcome);
            Assert.Contains("Idempotency-Key", unavailable.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(head, await ledger.Store.ReadHeadPositionAsync());
    }

    private enum Failing { Append, Load }

    private sealed class Unanswering(IEventStore inner, Failing failing) : IEventStore
    {
        private static LogUnavailableException NoAnswer() => new(new TimeoutException("no replica answered"));

        public Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
            failing == Failing.Append ? throw NoAnswer() : inner.AppendAsync(streamId, expectedVersion, events, cancellationToken);

        public IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default) =>
            failing == Failing.Load ? throw NoAnswer() : inner.ReadStreamAsync(streamId, range, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) => inner.ReadAllAsync(fromPosition, maxCount, cancellationToken);

        public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadHeadPositionAsync(cancellationToken);
    }
}
