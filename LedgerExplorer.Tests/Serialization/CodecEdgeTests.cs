using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Serialization;

/// <summary>
/// The codec's edges, from the mutants Stryker found unasked: each unreadable row is an <see cref="EventDecodingException"/>
/// naming its position and saying why, today's rows pass the upcasters untouched, and the stored names are pinned.
/// </summary>
public sealed class CodecEdgeTests : IDisposable
{
    private static readonly EventMetadata Metadata = new(Guid.NewGuid(), "t", Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UnixEpoch);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static StoredEvent Stored(string type, int version, string data) =>
        new(7, "account-abc", 1, type, version, data, "{}", DateTimeOffset.UnixEpoch);

    private static string DecodingFails(StoredEvent stored)
    {
        var error = Assert.Throws<EventDecodingException>(() => EventCodec.Decode(stored, NoKeys.Instance));
        Assert.Equal(7, error.Position);
        return error.Message;
    }

    [Fact]
    public void Every_event_is_stored_under_its_pinned_name_and_schema_version()
    {
        var pinned = new (IAccountEvent Event, string Name, int Version)[]
        {
            (new AccountOpened("Ada", Plan.Basic, "EUR"), "AccountOpened", 1),
            (new MoneyDeposited(1m, null), "MoneyDeposited", 2),
            (new MoneyWithdrawn(1m, null), "MoneyWithdrawn", 1),
            (new PlanChanged(Plan.Plus), "PlanChanged", 1),
            (new AccountClosed(), "AccountClosed", 1),
            (new OwnerForgotten(), "OwnerForgotten", 1),
            (new TransactionReversed(Guid.Empty, 1m), "TransactionReversed", 1),
            (new StatementIssued("2026-11"), "StatementIssued", 1),
        };

        var vault = new SqliteKeyStore(_directory.File("keys.db"));
        foreach (var (e, name, version) in pinned)
        {
            var data = EventCodec.Encode(e, Metadata, "abc", vault);
            Assert.Equal((name, version), (data.EventType, data.SchemaVersion));
            Assert.Equal(name, EventTypeRegistry.ForName(name).Name);
        }
    }

    [Fact]
    public void An_unknown_type_JSON_null_or_broken_JSON_is_an_error_naming_the_row()
    {
        Assert.Contains("No event type is registered under the name 'Nope'.", DecodingFails(Stored("Nope", 1, "{}")));
        Assert.Contains("the data is JSON null", DecodingFails(Stored("MoneyWithdrawn", 1, "null")));
        Assert.IsType<System.Text.Json.JsonException>(Assert.Throws<EventDecodingException>(() => EventCodec.Decode(Stored("MoneyWithdrawn", 1, "{"), NoKeys.Instance)).InnerException);
    }

    [Fact]
    public void Todays_rows_pass_the_upcasters_untouched_and_tomorrows_are_refused()
    {
        const string today = """{"amount":5.00,"reference":"x"}""";
        Assert.Equal(today, EventCodec.UpcastData(Stored("MoneyDeposited", 2, today)));
        Assert.Contains("schema version 3 is newer than this code knows (it reads up to v2)", DecodingFails(Stored("MoneyDeposited", 3, today)));
    }

    [Fact]
    public void An_old_row_that_is_not_an_object_or_has_no_upcaster_says_which_step_is_missing()
    {
        Assert.Contains("the data is not a JSON object", DecodingFails(Stored("MoneyDeposited", 1, "[1]")));
        var chain = new UpcasterChain([]);
        var error = Assert.Throws<EventDecodingException>(() => chain.Upcast(Stored("MoneyWithdrawn", 1, "{}"), 3));
        Assert.Contains("there is no upcaster from MoneyWithdrawn v1 to v2", error.Message);
        Assert.Contains("it cannot be upcast from v1 to v2: v1 MoneyDeposited has no amountInCents", DecodingFails(Stored("MoneyDeposited", 1, """{"memo":"x"}""")));
    }

    [Fact]
    public void The_stored_owner_ciphertext_is_found_only_on_an_opening()
    {
        var vault = new SqliteKeyStore(_directory.File("keys.db"));
        var opened = EventCodec.Encode(new AccountOpened("Ada", Plan.Basic, "EUR"), Metadata, "abc", vault);
        var owner = EventCodec.EncryptedOwnerOf(Stored("AccountOpened", 1, opened.Data));
        Assert.NotNull(owner);
        Assert.Equal("Ada", vault.TryDecrypt("abc", owner));
        Assert.Null(EventCodec.EncryptedOwnerOf(Stored("MoneyWithdrawn", 1, """{"amount":1}""")));
    }
}
