using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Tests.EventStore.Sqlite;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>The chain on the second backend: carried in each message's headers, and the same hashes as SQLite for the same appends.</summary>
[Trait("Proof", "Integrity")]
public sealed class JetStreamChainTests
{
    [Fact]
    public async Task The_same_appends_chain_to_the_same_hashes_on_JetStream_as_on_SQLite_and_both_verify()
    {
        await using var jetStream = await JetStreamHarness.CreateTypedAsync();
        await using var sqlite = SqliteHarness.Create();
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var appends = new (string Stream, long Expected, int Count)[] { ("account-a", 0, 1), ("account-b", 0, 1), ("account-a", 1, 3), ("account-b", 1, 1) };
        var n = 0;
        foreach (var (stream, expected, count) in appends)
        {
            var events = Enumerable.Range(0, count).Select(_ =>
            {
                n++;
                var id = new Guid(n, 0, 0, new byte[8]);
                return new EventData("MoneyDeposited", 2, $$"""{"amount":{{n}},"reference":null}""", new EventMetadata(id, "t", id, id, at.AddSeconds(n)));
            }).ToArray();
            // Both stores stamp recorded-at from their clocks: the same instant on both, so the same rows.
            jetStream.Clock.Set(at.AddMinutes(n));
            sqlite.Clock.Set(at.AddMinutes(n));
            await jetStream.Store.AppendAsync(stream, ExpectedVersion.Exactly(expected), events);
            await sqlite.Store.AppendAsync(stream, ExpectedVersion.Exactly(expected), events);
        }

        var onJetStream = await ((IEventChain)jetStream.Store).ReadChainAsync(1, 100);
        var onSqlite = await ((IEventChain)sqlite.Store).ReadChainAsync(1, 100);
        Assert.Equal(6, onJetStream.Count);
        Assert.Equal(onSqlite.Select(l => EventHash.ToHex(l.Hash)), onJetStream.Select(l => EventHash.ToHex(l.Hash)));
        var walk = await new ChainVerifier((IEventChain)jetStream.Store).VerifyAsync();
        Assert.True(walk.Intact, walk.Break?.Reason);
        Assert.Equal(6, walk.VerifiedTo);
        var digest = await new LedgerIntegrity(jetStream.Store, (IEventChain)jetStream.Store, TimeProvider.System).DigestAsync();
        Assert.Equal(EventHash.ToHex(onSqlite[^1].Hash), digest.Hash);
    }
}
