using LedgerExplorer.Tests.EventStore.Contract;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

// The SQLite backend joins the store contract: one line per concern.
public sealed class SqliteAppendContract : AppendContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => SqliteHarness.CreateAsync(); }

public sealed class SqliteReadStreamContract : ReadStreamContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => SqliteHarness.CreateAsync(); }

public sealed class SqliteReadAllContract : ReadAllContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => SqliteHarness.CreateAsync(); }

public sealed class SqliteConcurrencyContract : ConcurrencyContract { protected override Task<IEventStoreHarness> CreateHarnessAsync() => SqliteHarness.CreateAsync(); }
