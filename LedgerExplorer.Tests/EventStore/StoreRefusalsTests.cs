using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.EventStore;

/// <summary>
/// What the store's refusals say. Their messages reach people — the API's problem details, the CLI's
/// <c>verify</c>, the log — so each must name what was refused and what to do, not just that something failed.
/// </summary>
public sealed class StoreRefusalsTests
{
    [Fact]
    public void A_concurrency_refusal_names_the_stream_and_both_versions()
    {
        var refused = new ConcurrencyException("account-0a1b", expectedVersion: 3, actualVersion: 5);

        Assert.Equal("Stream 'account-0a1b' is at version 5, but the append expected version 3.", refused.Message);
        Assert.Equal(("account-0a1b", 3L, 5L), (refused.StreamId, refused.ExpectedVersion, refused.ActualVersion));
    }

    [Fact]
    public void An_integrity_refusal_names_where_the_chain_and_the_log_end_and_what_to_run()
    {
        var refused = new LogIntegrityException(head: 12, chainedTo: 10);

        Assert.Equal("The log's hash chain ends at position 10 but the log at 12: rows were added or removed outside the ledger's writer. Nothing was appended; run verify.", refused.Message);
    }

    [Fact]
    public void An_unavailable_log_says_why_and_that_a_retry_with_the_same_key_is_safe()
    {
        var cause = new TimeoutException("no answer in 5 s");

        var refused = new LogUnavailableException(cause);

        Assert.Same(cause, refused.InnerException);
        Assert.Equal("The event log did not answer in time (TimeoutException: no answer in 5 s); a cluster may be electing a leader. Retry shortly with the same Idempotency-Key: an append that got this answer may or may not have been stored.", refused.Message);
    }

    [Fact]
    public void An_expected_version_reads_as_people_say_it_and_is_never_negative()
    {
        Assert.Equal("no stream", ExpectedVersion.NoStream.ToString());
        Assert.Equal("12", ExpectedVersion.Exactly(12).ToString());
        Assert.Equal(ExpectedVersion.NoStream, ExpectedVersion.Exactly(0));

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => ExpectedVersion.Exactly(-1));
        Assert.Equal("version", refused.ParamName);
        Assert.StartsWith("A stream version is never negative.", refused.Message);
    }
}
