using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Core.Serialization;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Application.Reads;

/// <summary>
/// Time travel without replaying from position 1. The history read model holds each account's state after each of
/// its events, so "as of position p" is, per account, one index seek (its row with the greatest position at or below
/// p) and "as of an instant, as known at another" likewise by occurred-at and recorded-at; the events the projector has
/// not applied yet are folded on top (as many as its lag). The answers are the full fold's (<see cref="LedgerReplay"/>)
/// — a test compares them at random positions and instants. One exception, folded from the log instead: an account
/// whose times go back somewhere — a backdated posting, a reversal (then "happened by t" is not a prefix of its stream).
/// Owners' names are not in history: they are the current ones (<see cref="AccountDirectory"/>), unless the row says
/// the owner had been forgotten by then. (In the moment between a forget's OwnerForgotten and its key's destruction, a
/// replay as of an earlier position still shows the name; this shows "(erased)".)
/// </summary>
public sealed class TemporalReads(IEventStoreReader reader, IPersonalDataVault vault, ReadModelDatabase readModels, AccountDirectory directory, AccountLoader loader)
{
    private const string ByPosition = $"SELECT {HistoryTable.Columns} FROM account_history WHERE account_id = $a AND position <= $p ORDER BY position DESC LIMIT 1";
    // For an account whose two times only rise along its stream, "happened by t" and "recorded by k" are each a prefix of
    // it, and their intersection is the shorter one: two index seeks (one per axis), and the row at the lesser position.
    // (MIN of a NULL is NULL: nothing had happened, or nothing was known — no row.)
    private const string ByInstant =
        $"SELECT {HistoryTable.Columns} FROM account_history WHERE position = MIN(" +
        "(SELECT position FROM account_history WHERE account_id = $a AND occurred_at <= $t ORDER BY occurred_at DESC, position DESC LIMIT 1), " +
        "(SELECT position FROM account_history WHERE account_id = $a AND recorded_at <= $k ORDER BY recorded_at DESC, position DESC LIMIT 1))";

    /// <summary>Every account as of global position <paramref name="position"/> (the events at or below it).</summary>
    public async Task<IReadOnlyList<AccountView>> ListAtPositionAsync(long position, CancellationToken cancellationToken = default)
    {
        var owners = await OwnersAsync(cancellationToken);
        var fold = new AccountFold(vault);
        long checkpoint;
        using (var history = OpenHistory(out checkpoint))
        using (var seek = history.Prepare(ByPosition, ("$a", ""), ("$p", position)))
        {
            foreach (var (id, owner) in owners)
            {
                seek.Parameters["$a"].Value = id.Value;
                if (ReadOne(seek) is { } row) fold.Start(id, row.ToState(owner), row.Version);
            }
        }

        if (position > checkpoint)
        {
            await foreach (var page in reader.ReadAllPagesAsync(checkpoint + 1, 2_000, cancellationToken))
            {
                foreach (var stored in page.TakeWhile(e => e.Position <= position)) fold.Apply(stored);
                if (page[^1].Position >= position) break;
            }
        }

        return fold.Views();
    }

    /// <summary>Every account as the slice cuts the log: the events that happened by its as-of, of those recorded by its known-at.</summary>
    public async Task<IReadOnlyList<AccountView>> ListAsOfAsync(TimeSlice slice, CancellationToken cancellationToken = default)
    {
        var owners = await OwnersAsync(cancellationToken);
        var fold = new AccountFold(vault);
        var refold = new HashSet<AccountId>();
        long checkpoint;
        using (var history = OpenHistory(out checkpoint))
        {
            foreach (var id in history.OutOfOrderAccounts()) refold.Add(id);
            using var seek = history.Prepare(ByInstant, ("$a", ""), ("$t", Bound(slice.AsOf)), ("$k", Bound(slice.KnownAt)));
            foreach (var (id, owner) in owners.Where(o => !refold.Contains(o.Key)))
            {
                seek.Parameters["$a"].Value = id.Value;
                if (ReadOne(seek) is { } row) fold.Start(id, row.ToState(owner), row.Version);
            }
        }

        // The tail past the checkpoint: each event the slice includes, in order. (Its times need not rise: the
        // history part is a prefix of each stream, and every tail event is filtered on its own, as a replay does.)
        await foreach (var page in reader.ReadAllPagesAsync(checkpoint + 1, 2_000, cancellationToken))
        {
            foreach (var stored in page.Where(e => slice.Includes(e) && !(AccountId.TryFromStreamId(e.StreamId, out var id) && refold.Contains(id)))) fold.Apply(stored);
        }

        foreach (var id in refold)
        {
            var loaded = await loader.LoadAsync(id, slice, cancellationToken);
            if (loaded.Version > 0) fold.Start(id, loaded.State, loaded.Version);
        }

        return fold.Views();
    }

    /// <summary>One account as of global position <paramref name="position"/>.</summary>
    public async Task<LoadedAccount> GetAtPositionAsync(AccountId id, long position, CancellationToken cancellationToken = default)
    {
        HistoryRow? row;
        long checkpoint;
        using (var history = OpenHistory(out checkpoint))
        using (var seek = history.Prepare(ByPosition, ("$a", id.Value), ("$p", position)))
        {
            row = ReadOne(seek);
        }

        var loaded = await StartAsync(id, row, cancellationToken);
        return position > checkpoint ? await FoldAsync(loaded, new StreamReadRange(FromVersion: loaded.Version + 1, UntilPosition: position), cancellationToken) : loaded;
    }

    /// <summary>One account as the slice cuts its stream: two index seeks and the account's tail past the checkpoint.</summary>
    public async Task<LoadedAccount> GetAsOfAsync(AccountId id, TimeSlice slice, CancellationToken cancellationToken = default)
    {
        HistoryRow? row, latest;
        using (var history = OpenHistory(out var checkpoint))
        {
            if (history.OutOfOrderAccounts(id).Count > 0) return await loader.LoadAsync(id, slice, cancellationToken);
            using var seek = history.Prepare(ByInstant, ("$a", id.Value), ("$t", Bound(slice.AsOf)), ("$k", Bound(slice.KnownAt)));
            row = ReadOne(seek);
            using var last = history.Prepare(ByPosition, ("$a", id.Value), ("$p", checkpoint));
            latest = ReadOne(last);
        }

        // Then the account's events past the checkpoint that the slice includes.
        return await FoldAsync(await StartAsync(id, row, cancellationToken), new StreamReadRange(FromVersion: (latest?.Version ?? 0) + 1, UntilRecordedAt: slice.KnownAt), cancellationToken, slice);
    }

    /// <summary>An instant as the history table compares it; no limit is a text that sorts after every instant.</summary>
    private static string Bound(DateTimeOffset? instant) => instant is { } t ? ReadModelFormat.Instant(t) : "9999";

    /// <summary>The account at a history row, its owner's name as a replay would decode it now.</summary>
    private async Task<LoadedAccount> StartAsync(AccountId id, HistoryRow? row, CancellationToken cancellationToken)
    {
        if (row is null) return new LoadedAccount(id, AccountDecider.Initial, 0, 0);
        var owner = PersonalData.Erased;
        if (!row.Erased)
        {
            await foreach (var opened in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(ToVersion: 1), cancellationToken))
            {
                if (EventCodec.Decode(opened, vault) is AccountOpened o) owner = o.OwnerName;
            }
        }

        return new LoadedAccount(id, row.ToState(owner), row.Version, row.Position);
    }

    private async Task<LoadedAccount> FoldAsync(LoadedAccount start, StreamReadRange range, CancellationToken cancellationToken, TimeSlice? slice = null)
    {
        var (state, version, position) = (start.State, start.Version, start.Position);
        await foreach (var stored in reader.ReadStreamAsync(start.Id.StreamId, range, cancellationToken))
        {
            if (slice is not null && !slice.Includes(stored)) continue;
            (state, version, position) = (AccountDecider.Evolve(state, EventCodec.Decode(stored, vault)), stored.StreamVersion, stored.Position);
        }

        return new LoadedAccount(start.Id, state, version, position);
    }

    private async Task<List<KeyValuePair<AccountId, string>>> OwnersAsync(CancellationToken cancellationToken) =>
        (await directory.ListAsync(cancellationToken)).Select(a => KeyValuePair.Create(AccountId.Parse(a.AccountId), a.Owner)).ToList();

    private HistorySnapshot OpenHistory(out long checkpoint)
    {
        var history = new HistorySnapshot(readModels);
        checkpoint = history.Checkpoint;
        return history;
    }

    private static HistoryRow? ReadOne(SqliteCommand seek)
    {
        using var reader = seek.ExecuteReader();
        return reader.Read() ? HistoryTable.Read(reader) : null;
    }
}
