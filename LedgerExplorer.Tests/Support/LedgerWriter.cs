using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using Microsoft.Extensions.Time.Testing;

namespace LedgerExplorer.Tests.Support;

/// <summary>Writes a known history through the real command handler, at instants the test chooses.</summary>
public sealed class LedgerWriter(IEventStore store, Core.Privacy.IPersonalDataVault vault, DateTimeOffset start)
{
    private readonly FakeTimeProvider _clock = new(start);
    private AccountCommandHandler? _handler;

    private AccountCommandHandler Handler => _handler ??= new AccountCommandHandler(store, _clock, new LedgerNotifications(), vault);

    public LedgerWriter At(DateTimeOffset instant)
    {
        _clock.SetUtcNow(instant);
        return this;
    }

    public async Task<CommandResult> Do(AccountId id, IAccountCommand command, string actor = "tester")
    {
        var outcome = await Handler.HandleAsync(id, command, CommandContext.For(actor));
        return outcome is CommandOutcome.Accepted accepted
            ? accepted.Result
            : throw new InvalidOperationException($"{command} was not accepted: {outcome}");
    }
}
