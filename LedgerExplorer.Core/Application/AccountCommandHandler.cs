using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// Load → decide → append with the loaded version as the expected version → return the new state.
/// The optimistic check lives in the store; this class only decides what to do when it fails.
/// </summary>
public sealed class AccountCommandHandler(IEventStore store, TimeProvider clock, LedgerNotifications notifications, IPersonalDataVault vault, AccountSnapshots? snapshots = null, LedgerGate? gate = null)
{
    /// <summary>How often a command without an expected version is decided afresh after losing a race.</summary>
    public const int MaxAttempts = 10;

    private readonly AccountLoader _loader = new(store, vault, snapshots);

    public async Task<CommandOutcome> HandleAsync(AccountId id, IAccountCommand command, CommandContext context, CancellationToken cancellationToken = default)
    {
        if (gate is not null && !gate.TryEnter(out var closed)) return new CommandOutcome.Unavailable(closed!);
        try
        {
            return await DecideAndAppendAsync(id, command, context, cancellationToken);
        }
        catch (LogUnavailableException unavailable)
        {
            return new CommandOutcome.Unavailable(unavailable.Message); // 503: the client retries, with its key
        }
        finally
        {
            gate?.Exit();
        }
    }

    private async Task<CommandOutcome> DecideAndAppendAsync(AccountId id, IAccountCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var commandId = Guid.CreateVersion7();
        var requestHash = context.IdempotencyKey is null ? null : CommandFingerprint.Of(id, command, context);
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await _loader.LoadAsync(id, cancellationToken: cancellationToken);

            // Already done under this key (a retry, or a duplicate that won the race): the original answer, nothing
            // appended. Looked up after the load, never before: a duplicate committed after this lookup moved the
            // stream past the loaded version, so our append is refused and the next attempt finds it here.
            if (await EarlierAnswerAsync(id, context.IdempotencyKey, requestHash, cancellationToken) is { } earlier) return earlier;
            if (context.ExpectedVersion is { } expected && expected != loaded.Version)
            {
                // Checked here as well as in the store so that a stale caller is told so even when
                // the command would be refused on the newer state anyway.
                return await EarlierAnswerAsync(id, context.IdempotencyKey, requestHash, cancellationToken)
                       ?? new CommandOutcome.Conflict(new ConcurrencyException(id.StreamId, expected, loaded.Version));
            }

            var now = clock.GetUtcNow();
            var timeline = AccountDecider.NeedsTimeline(command) ? await AccountTimelines.ReadAsync(store, vault, id, now, cancellationToken) : AccountTimeline.At(now);
            switch (AccountDecider.Decide(command, loaded.State, timeline))
            {
                case Decision.Refused refused:
                    return new CommandOutcome.Refused(refused.Error);

                case Decision.Accepted { Events.Count: 0 }:
                    // Nothing to record (forgetting an owner already forgotten): the state as it stands.
                    return new CommandOutcome.Accepted(new CommandResult(id.Value, loaded.Version, loaded.Position, loaded.View!));

                case Decision.Accepted accepted:
                    // Business time from the command (now, or a late posting's day); the log stamps its own recorded-at at commit.
                    var metadata = new EventMetadata(Guid.Empty, context.Actor, context.CorrelationId, commandId, accepted.OccurredAt ?? now)
                    {
                        CommandKey = context.IdempotencyKey,
                        RequestHash = requestHash,
                        Reason = ReasonOf(command),
                    };
                    var events = accepted.Events
                        .Select(e => EventCodec.Encode(e, metadata with { EventId = Guid.CreateVersion7() }, id.Value, vault))
                        .ToArray();
                    try
                    {
                        var appended = await store.AppendAsync(id.StreamId, ExpectedVersion.Exactly(loaded.Version), events, cancellationToken);
                        var state = accepted.Events.Aggregate(loaded.State, AccountDecider.Evolve);
                        snapshots?.AfterAppend(id, loaded.Version, appended.NextVersion, state, appended.LastPosition, appended.RecordedAt);
                        notifications.Appended(appended.LastPosition);
                        return new CommandOutcome.Accepted(new CommandResult(
                            id.Value, appended.NextVersion, appended.LastPosition, AccountView.From(id, state, appended.NextVersion)!));
                    }
                    catch (ConcurrencyException) when (context.ExpectedVersion is null && attempt < MaxAttempts)
                    {
                        // Someone appended between our load and our append. Never merge: decide again on the
                        // new state, after a random pause that doubles each time (full jitter) so racing writers spread out.
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 1 << Math.Min(attempt + 1, 7))), cancellationToken);
                    }
                    catch (LedgerReplacedException replaced)
                    {
                        return new CommandOutcome.Unavailable(replaced.Message);
                    }
                    catch (LogIntegrityException broken)
                    {
                        return new CommandOutcome.Unavailable(broken.Message);
                    }
                    catch (ConcurrencyException conflict)
                    {
                        return await EarlierAnswerAsync(id, context.IdempotencyKey, requestHash, cancellationToken) ?? new CommandOutcome.Conflict(conflict);
                    }

                    break;
            }
        }
    }

    private static string? ReasonOf(IAccountCommand command) => command switch
    {
        Deposit { Backdated: { } b } => b.Reason,
        Withdraw { Backdated: { } b } => b.Reason,
        ReverseTransaction r => r.Reason,
        _ => null,
    };

    /// <summary>
    /// If a command with this key was already appended: its original answer (the state right after its last event)
    /// when the request is the same, or <see cref="CommandOutcome.KeyReused"/> when it is not. Null: not seen.
    /// </summary>
    private async Task<CommandOutcome?> EarlierAnswerAsync(AccountId id, string? key, string? requestHash, CancellationToken cancellationToken)
    {
        if (key is null) return null;
        var lookup = store as ICommandKeyLookup ?? throw new NotSupportedException("This event store cannot look up idempotency keys.");
        if (await lookup.FindFirstAsync(key, id.StreamId, cancellationToken) is not { } first) return null;
        if (first.StreamId != id.StreamId || EventMetadataJson.Decode(first.Metadata).RequestHash != requestHash) return new CommandOutcome.KeyReused(key);

        var lastVersion = first.StreamVersion;
        await foreach (var next in store.ReadStreamAsync(id.StreamId, new StreamReadRange(FromVersion: first.StreamVersion + 1), cancellationToken))
        {
            if (EventMetadataJson.Decode(next.Metadata).CommandKey != key) break;
            lastVersion = next.StreamVersion;
        }

        var then = await _loader.LoadAsync(id, new StreamReadRange(ToVersion: lastVersion), cancellationToken);
        return new CommandOutcome.Accepted(new CommandResult(id.Value, then.Version, then.Position, then.View!));
    }
}
