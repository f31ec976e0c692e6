using CsCheck;
using LedgerExplorer.App.Features.Charts;
using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Properties;

/// <summary>Round trips and reductions over generated values: what is written reads back as itself, whatever it holds.</summary>
public sealed class CodecProperties : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteKeyStore _keys;

    public CodecProperties() => _keys = new SqliteKeyStore(_directory.File("keys.db"));

    private static readonly Gen<string> Text = Gen.String[Gen.Char[' ', '~'], 1, 60];

    private static readonly Gen<decimal> Amount = Gen.Long[1, 100_000_000].Select(cents => cents / 100m);

    private static readonly Gen<IAccountEvent> Event = Gen.OneOf<IAccountEvent>(
        // Names long enough that finding one in the stored JSON means it is there in clear, not by chance in a key id.
        Gen.Select(Gen.String[Gen.Char[' ', '~'], 12, 60], Gen.Int[0, 2], Gen.OneOf("EUR", "USD", "GBP"), (owner, plan, currency) => (IAccountEvent)new AccountOpened(owner, (Plan)plan, currency)),
        Gen.Select(Amount, Text.Null(), (amount, reference) => (IAccountEvent)new MoneyDeposited(amount, reference)),
        Gen.Select(Amount, Text.Null(), (amount, reference) => (IAccountEvent)new MoneyWithdrawn(amount, reference)),
        Gen.Int[0, 2].Select(plan => (IAccountEvent)new PlanChanged((Plan)plan)),
        Gen.Const<IAccountEvent>(new AccountClosed()),
        Gen.Const<IAccountEvent>(new OwnerForgotten()),
        Gen.Select(Gen.Guid, Amount, Gen.Bool, (id, amount, deposit) => (IAccountEvent)new TransactionReversed(id, deposit ? -amount : amount)),
        Gen.Select(Gen.Int[2000, 2100], Gen.Int[1, 12], (year, month) => (IAccountEvent)new StatementIssued($"{year:0000}-{month:00}")));

    [Fact]
    public void Every_event_decodes_to_what_was_encoded_owner_names_through_their_ciphertext() =>
        Event.Sample(e =>
        {
            var data = EventCodec.Encode(e, new EventMetadata(Guid.NewGuid(), "prop", Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UnixEpoch), "prop00000001", _keys);
            var stored = new StoredEvent(1, "account-prop00000001", 1, data.EventType, data.SchemaVersion, data.Data, "{}", DateTimeOffset.UnixEpoch);

            Assert.Equal(e, EventCodec.Decode(stored, _keys));
            if (e is AccountOpened opened) Assert.DoesNotContain(opened.OwnerName, data.Data, StringComparison.Ordinal);
        }, iter: 300);

    [Fact]
    public void A_v1_deposit_of_any_amount_and_memo_reads_as_the_v2_record_of_the_same_money() =>
        Gen.Select(Gen.Long[1, 100_000_000], Text.Null()).Sample((cents, memo) =>
        {
            var json = memo is null ? $$"""{"amountInCents":{{cents}}}""" : System.Text.Json.JsonSerializer.Serialize(new { amountInCents = cents, memo });
            var stored = new StoredEvent(7, "account-prop00000001", 2, "MoneyDeposited", 1, json, "{}", DateTimeOffset.UnixEpoch);

            Assert.Equal(new MoneyDeposited(cents / 100m, memo), EventCodec.Decode(stored, NoKeys.Instance));
        });

    [Fact]
    public void Every_account_state_survives_a_snapshot_and_its_checksum_is_of_its_bytes() =>
        Gen.Select(Text, Gen.Int[0, 2], Amount, Gen.Bool).Sample((owner, plan, balance, closed) =>
        {
            AccountState state = closed ? new AccountState.Closed(owner, (Plan)plan, "EUR") : new AccountState.Active(owner, (Plan)plan, "EUR", balance - 500_000m);
            var data = AccountStateCodec.Encode(state);

            Assert.Equal(state, AccountStateCodec.Decode(data));
            Assert.Equal(AccountStateCodec.Checksum(data), AccountStateCodec.Checksum(AccountStateCodec.Encode(AccountStateCodec.Decode(data))));
        });

    [Fact]
    public void A_downsampled_series_keeps_its_ends_its_extremes_and_its_order_and_fits_the_screen() =>
        Gen.Select(Gen.Int[-100_000, 100_000].Array[1, 3_000], Gen.Int[1, 200]).Sample((balances, buckets) =>
        {
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var points = balances.Select((b, i) => new BalancePoint(i + 1, start.AddMinutes(i * 7), b)).ToList();

            var kept = TimelineReads.Downsample(points, buckets);

            Assert.True(kept.Count <= Math.Max(points.Count <= 4 * buckets ? points.Count : 0, 4 * buckets));
            Assert.Equal(points[0], kept[0]);
            Assert.Equal(points[^1], kept[^1]);
            Assert.Contains(kept, p => p.Balance == points.Min(q => q.Balance));
            Assert.Contains(kept, p => p.Balance == points.Max(q => q.Balance));
            Assert.True(kept.Zip(kept.Skip(1)).All(pair => pair.First.Position < pair.Second.Position), "kept out of order or twice");
            Assert.All(kept, p => Assert.Contains(p, points));
        });

    [Fact]
    public void Any_owner_name_is_a_legend_that_shows_as_itself_and_carries_no_markup() =>
        Gen.String.Sample(name =>
        {
            var legend = LedgerChart.PlainText(name);

            Assert.DoesNotContain('<', legend);
            Assert.DoesNotContain('>', legend);
            Assert.Equal(name, System.Net.WebUtility.HtmlDecode(legend));
        });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
