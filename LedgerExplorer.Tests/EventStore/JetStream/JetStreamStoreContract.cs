using LedgerExplorer.Tests.EventStore.Contract;

namespace LedgerExplorer.Tests.EventStore.JetStream;

// The JetStream backend joins the same store contract, against a real nats-server: one line per concern.
[Trait("Proof", "SecondBackend")]
public sealed class JetStreamAppendContract : AppendContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateAsync(); }

[Trait("Proof", "SecondBackend")]
public sealed class JetStreamReadStreamContract : ReadStreamContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateAsync(); }

[Trait("Proof", "SecondBackend")]
public sealed class JetStreamReadAllContract : ReadAllContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateAsync(); }

[Trait("Proof", "SecondBackend")]
public sealed class JetStreamConcurrencyContract : ConcurrencyContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateAsync(); }

// And on a three-node cluster, the stream replicated on every node (R3): the same contract, nothing relaxed.
[Trait("Proof", "SecondBackend")]
[Collection(Support.NatsClusterCollection.Name)]
public sealed class JetStreamClusterAppendContract : AppendContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateOnClusterAsync(); }

[Trait("Proof", "SecondBackend")]
[Collection(Support.NatsClusterCollection.Name)]
public sealed class JetStreamClusterReadStreamContract : ReadStreamContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateOnClusterAsync(); }

[Trait("Proof", "SecondBackend")]
[Collection(Support.NatsClusterCollection.Name)]
public sealed class JetStreamClusterReadAllContract : ReadAllContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateOnClusterAsync(); }

[Trait("Proof", "SecondBackend")]
[Collection(Support.NatsClusterCollection.Name)]
public sealed class JetStreamClusterConcurrencyContract : ConcurrencyContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateOnClusterAsync(); }
