using System.Text.Json.Nodes;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Serialization;

public sealed class UpcasterChainTests
{
    private static StoredEvent Stored(string type, int version, string data, long position = 42) =>
        new(position, "account-x", 2, type, version, data, "{}", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_v1_deposit_reads_as_todays_record()
    {
        var e = EventCodec.Decode(Stored("MoneyDeposited", 1, """{"amountInCents":260000,"memo":"opening deposit"}"""), NoKeys.Instance);

        Assert.Equal(new MoneyDeposited(2_600.00m, "opening deposit"), e);
    }

    [Fact]
    public void A_v1_deposit_without_a_memo_has_no_reference()
    {
        Assert.Equal(new MoneyDeposited(0.07m, null), EventCodec.Decode(Stored("MoneyDeposited", 1, """{"amountInCents":7}"""), NoKeys.Instance));
    }

    [Fact]
    public void Upcasters_compose_one_version_at_a_time()
    {
        var chain = new UpcasterChain([new Step("Thing", 1, "a", "b"), new Step("Thing", 2, "b", "c")]);

        var json = chain.Upcast(Stored("Thing", 1, """{"a":5}"""), currentVersion: 3);

        Assert.Equal("""{"c":5}""", json);
    }

    [Fact]
    public void An_event_newer_than_the_code_is_a_clear_error_naming_its_position()
    {
        var error = Assert.Throws<EventDecodingException>(() => EventCodec.Decode(Stored("MoneyDeposited", 9, """{"amount":1}""", position: 1234), NoKeys.Instance));

        Assert.Equal(1234, error.Position);
        Assert.Contains("position 1234", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer than this code knows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"amountInCents":"lots"}""", "cannot be upcast")]
    [InlineData("""{"memo":"no amount"}""", "cannot be upcast")]
    [InlineData("""not json""", "cannot be read")]
    public void An_old_event_that_cannot_be_upcast_is_a_clear_error_never_a_misread(string data, string reason)
    {
        var error = Assert.Throws<EventDecodingException>(() => EventCodec.Decode(Stored("MoneyDeposited", 1, data, position: 77), NoKeys.Instance));

        Assert.Equal(77, error.Position);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_step_in_the_chain_is_named()
    {
        var chain = new UpcasterChain([new Step("Thing", 1, "a", "b")]);

        var error = Assert.Throws<EventDecodingException>(() => chain.Upcast(Stored("Thing", 1, """{"a":1}"""), currentVersion: 3));

        Assert.Contains("no upcaster from Thing v2 to v3", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Renames one property: enough to watch steps compose.</summary>
    private sealed class Step(string type, int from, string oldName, string newName) : IUpcaster
    {
        public string EventType => type;

        public int FromVersion => from;

        public JsonObject Upcast(JsonObject data) => new() { [newName] = data[oldName]!.DeepClone() };
    }
}
