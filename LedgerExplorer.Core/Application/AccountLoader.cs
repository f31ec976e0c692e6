using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Core.Application;

/// <summary>Loads an account by folding its stream through <see cref="AccountDecider.Evolve"/>. Time travel is the same fold stopped early.</summary>
public sealed class AccountLoader(IEventStoreReader reader)
{
    public async Task<LoadedAccount> LoadAsync(AccountId id, StreamReadRange? range = null, CancellationToken cancellationToken = default)
    {
        var state = AccountDecider.Initial;
        long version = 0, position = 0;
        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, range ?? StreamReadRange.All, cancellationToken))
        {
            state = AccountDecider.Evolve(state, EventCodec.Decode(stored));
            version = stored.StreamVersion;
            position = stored.Position;
        }

        return new LoadedAccount(id, state, version, position);
    }
}
