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
