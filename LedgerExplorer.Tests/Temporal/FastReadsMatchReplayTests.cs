using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Temporal;

/// <summary>
/// The reads that do not replay the log (the account list from balances + tail; as-of from history + tail) must answer
/// what folding the log from position 1 answers — at random positions and instants, and at random business times as
/// known at random moments, over a random history with every kind of event, late postings and reversals, events recorded
/// some time after they happened, forgotten owners, an account whose clock went back, and a tail the read models have
/// not reached.
/// </summary>
[Trait("Proof", "TemporalQuery")]
[Trait("Proof", "Bitemporal")]
public sealed class FastReadsMatchReplayTests : IAsyncLifetime
{
    private const int Seed = 20261201;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();
    private readonly List<(long Position, DateTimeOffset At)> _written = [];
    private readonly Random _random = new(Seed);
    private readonly List<AccountId> _accounts = [];
    private readonly List<DateTimeOffset> _backwards = []; // instants around each backward step: where a wrong answer would show

    private LedgerQueries Fast => new(_ledger.Store, _ledger.Keys, readModels: _readModels.Database);

    private LedgerReplay Replay => new(_ledger.Store, _ledger.Keys);

    private AccountLoader FullFold => new(_ledger.Store, _ledger.Keys);

    public async ValueTask InitializeAsync()
    {
        var writer = new LedgerWriter(_ledger.Store, _ledger.Keys, Start);
        var at = Start;
        await WriteRandomAsync(writer, 400, () => at = at.AddMinutes(_random.Next(1, 180)));
        // An account whose clock went back: its next event is recorded before its previous one.
        await RecordBackwardsAsync(_accounts[3]);
        // A forget, completed as the saga completes it: OwnerForgotten in the log, then the key destroyed.
        await Forget(writer.At(at = at.AddMinutes(3)), _accounts[1], at);
        await CloseAsync(writer.At(at = at.AddMinutes(3)), _accounts[2], at);

        await CatchUpReadModelsAsync();

        // A tail the read models have not applied: more of everything, another forget, another backward clock.
        await WriteRandomAsync(writer, 150, () => at = at.AddMinutes(_random.Next(1, 180)));
        await Forget(writer.At(at = at.AddMinutes(3)), _accounts[5], at);
        await RecordBackwardsAsync(_accounts[7]);
        await WriteRandomAsync(writer, 30, () => at = at.AddMinutes(_random.Next(1, 180)));
    }

    [Fact]
    public async Task The_account_list_now_is_the_full_fold()
    {
        Assert.Equal(await Replay.ListAccountsAsync(), await Fast.ListAccountsAsync());
    }

    [Fact]
    public async Task Every_account_as_of_random_positions_is_the_full_fold()
    {
        var head = _written[^1].Position;
        foreach (var position in RandomPositions(head))
        {
            Assert.True((await Replay.ListAccountsAsync(upToPosition: position)).SequenceEqual(await Fast.ListAccountsAsync(upToPosition: position)),
                $"As of position {position} (seed {Seed}), the fast answer differs from the fold of the log.");
        }
    }

    [Fact]
    public async Task Every_account_as_of_random_instants_is_the_full_fold()
    {
        foreach (var instant in RandomInstants())
        {
            Assert.True((await Replay.ListAccountsAsync(new TimeSlice(instant))).SequenceEqual(await Fast.ListAccountsAsync(new TimeSlice(instant))),
                $"As of {instant:O} (seed {Seed}), the fast answer differs from the fold of the log.");
        }
    }

    [Fact]
    public async Task Every_account_at_random_business_times_as_known_at_random_moments_is_the_full_fold()
    {
        var knownAts = await RandomKnownAtsAsync();
        foreach (var (instant, i) in RandomInstants().Select((t, i) => (t, i)))
        {
            var slice = new TimeSlice(i % 5 == 0 ? null : instant, knownAts[i % knownAts.Count]);
            Assert.True((await Replay.ListAccountsAsync(slice)).SequenceEqual(await Fast.ListAccountsAsync(slice)),
                $"At {slice} (seed {Seed}), the fast answer differs from the fold of the log.");
        }
    }

    [Fact]
    public async Task One_account_at_random_business_times_as_known_at_random_moments_is_what_the_full_fold_gives_it()
    {
        var knownAts = await RandomKnownAtsAsync();
        foreach (var (instant, i) in RandomInstants().Take(30).Select((t, i) => (t, i)))
        {
            var slice = new TimeSlice(instant, knownAts[i % knownAts.Count]);
            var everyone = await Replay.ListAccountsAsync(slice);
            foreach (var id in _accounts)
            {
                Assert.Equal(everyone.SingleOrDefault(a => a.AccountId == id.Value), (await Fast.GetAccountAsync(id, slice)).View);
            }
        }
    }

    [Fact]
    public async Task One_account_as_of_random_positions_and_instants_is_its_full_fold()
    {
        var head = _written[^1].Position;
        foreach (var id in _accounts)
        {
            foreach (var position in RandomPositions(head).Take(15))
            {
                Assert.Equal(await FullFold.LoadAsync(id, new StreamReadRange(UntilPosition: position)), await Fast.GetAccountAtPositionAsync(id, position));
            }

            foreach (var instant in RandomInstants().Take(15))
            {
                Assert.Equal(await FullFold.LoadAsync(id, new TimeSlice(instant)), await Fast.GetAccountAsync(id, new TimeSlice(instant)));
            }
        }
    }

    [Fact]
    public async Task The_comparison_can_fail_a_history_row_changed_by_hand_changes_the_fast_answer()
    {
        // Negative control: the fast answer really comes from the history rows (and the comparison would see it).
        var (position, _) = _written[200];
        using (var connection = _readModels.Database.Open())
        using (var tamper = connection.CreateCommand())
        {
            tamper.CommandText = "UPDATE account_history SET balance = '999999.99' WHERE position = $p";
            tamper.Parameters.AddWithValue("$p", position);
            Assert.Equal(1, tamper.ExecuteNonQuery());
        }

        Assert.False((await Replay.ListAccountsAsync(upToPosition: position)).SequenceEqual(await Fast.ListAccountsAsync(upToPosition: position)));
    }

    private IEnumerable<long> RandomPositions(long head) =>
        new long[] { 0, 1, head, head - 1 }.Concat(Enumerable.Range(0, 60).Select(_ => _random.NextInt64(0, head + 2))).ToList();

    private IEnumerable<DateTimeOffset> RandomInstants()
    {
        var first = _written.Min(w => w.At).AddDays(-1);
        var span = (_written.Max(w => w.At) - first).Ticks + TimeSpan.FromDays(2).Ticks;
        var exact = Enumerable.Range(0, 20).Select(_ => _written[_random.Next(_written.Count)].At); // at an event's instant exactly: included
        var ticks = Enumerable.Range(0, 40).Select(_ => first.AddTicks(_random.NextInt64(span)));
        return _backwards.Concat(exact).Concat(ticks).ToList();
    }

    private async Task CatchUpReadModelsAsync()
    {
        await _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys).CatchUpAsync();
        await _readModels.Runner(new HistoryProjection(), _ledger.Store, _ledger.Keys).CatchUpAsync();
    }

    /// <summary>Random commands over a growing set of accounts: opens, deposits, withdrawals within the plan, plan changes, closes.</summary>
    private async Task WriteRandomAsync(LedgerWriter writer, int commands, Func<DateTimeOffset> next)
    {
        for (var i = 0; i < commands; i++)
        {
            var at = next();
            writer.At(at);
            _ledger.Clock.Set(at.AddMinutes(_random.Next(0, 3 * 24 * 60))); // recorded up to three days after it happened (never earlier than the event before)
            if (_accounts.Count < 3 || _random.Next(25) == 0)
            {
                var id = AccountId.Parse($"acct{_accounts.Count:D8}");
                _accounts.Add(id);
                await Record(writer.Do(id, new OpenAccount($"Owner {_accounts.Count}", (Plan)_random.Next(3), "EUR")), at);
                continue;
            }

            var account = _accounts[_random.Next(_accounts.Count)];
            if ((await FullFold.LoadAsync(account)).State is not AccountState.Active active) continue;
            var opened = (await _ledger.Store.ReadStream(account.StreamId, new StreamReadRange(ToVersion: 1)))[0].OccurredAt;
            var reversible = await LastPostingAsync(account);
            IAccountCommand command = _random.Next(24) switch
            {
                0 when active.Balance == 0 => new CloseAccount(),
                20 or 21 => new Deposit(_random.Next(1, 9_000) / 100m, "late", new Backdating(Later(opened, at.AddDays(-_random.Next(0, 20))), "posted late")),
                22 when reversible is { } posting => new ReverseTransaction(posting, "reversed"),
                1 or 2 => new ChangePlan(active.Plan == Plan.Basic ? Plan.Premium : Plan.Basic),
                < 10 when active.Balance > 10 => new Withdraw(Math.Round(active.Balance / 3, 2)),
                _ => new Deposit(_random.Next(1, 50_000) / 100m),
            };
            if (command is ChangePlan && active.Balance < 0) command = new Deposit(1_000m);
            await Record(writer.Do(account, command), at);
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The account's last deposit or withdrawal not yet reversed (its event id), if any.</summary>
    private async Task<Guid?> LastPostingAsync(AccountId id)
    {
        var events = await _ledger.Store.ReadStream(id.StreamId);
        var reversed = events.Where(e => e.EventType == "TransactionReversed").Select(e => System.Text.Json.JsonDocument.Parse(e.Data).RootElement.GetProperty("eventId").GetGuid()).ToHashSet();
        return events.Where(e => e.EventType is "MoneyDeposited" or "MoneyWithdrawn")
            .Select(e => EventMetadataJson.Decode(e.Metadata, e.RecordedAt).EventId)
            .LastOrDefault(eventId => !reversed.Contains(eventId)) is { } found && found != Guid.Empty ? found : null;
    }

    /// <summary>Moments of knowledge: random recorded-at times of the log, a tick either side, and before and after it all.</summary>
    private async Task<List<DateTimeOffset?>> RandomKnownAtsAsync()
    {
        var recorded = (await _ledger.Store.ReadAllAsync(1, 10_000)).Select(e => e.RecordedAt).ToList();
        var picked = Enumerable.Range(0, 20).Select(_ => recorded[_random.Next(recorded.Count)]).SelectMany(t => new[] { t, t.AddTicks(-1) });
        return picked.Select(t => (DateTimeOffset?)t).Concat([null, recorded[0].AddTicks(-1), recorded[^1]]).ToList();
    }

    private async Task RecordBackwardsAsync(AccountId id)
    {
        var previous = (await _ledger.Store.ReadAllAsync((await FullFold.LoadAsync(id)).Position, 1))[0].OccurredAt;
        var back = previous.AddHours(-5);
        // A clock of its own: a test clock never goes back.
        await Record(new LedgerWriter(_ledger.Store, _ledger.Keys, back).Do(id, new Deposit(1.11m)), back);
        _backwards.AddRange([back, back.AddTicks(-1), previous.AddTicks(-1), previous, back.AddHours(2)]);
    }

    private async Task CloseAsync(LedgerWriter writer, AccountId id, DateTimeOffset at)
    {
        var balance = ((AccountState.Active)(await FullFold.LoadAsync(id)).State).Balance;
        if (balance > 0) await Record(writer.Do(id, new Withdraw(balance)), at);
        if (balance < 0) await Record(writer.Do(id, new Deposit(-balance)), at);
        await Record(writer.Do(id, new CloseAccount()), at);
    }

    private async Task Forget(LedgerWriter writer, AccountId id, DateTimeOffset at)
    {
        await Record(writer.Do(id, new ForgetOwner()), at);
        Assert.True(_ledger.Keys.Forget(id.Value));
    }

    private async Task Record(Task<CommandResult> command, DateTimeOffset at) => _written.Add(((await command).Position, at));

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }
}
