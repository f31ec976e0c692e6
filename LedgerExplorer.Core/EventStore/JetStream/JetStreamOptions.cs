namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>Where the ledger's JetStream stream lives (the <c>EventStore:JetStream:*</c> settings).</summary>
public sealed class JetStreamOptions
{
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>The one JetStream stream that holds the whole ledger.</summary>
    public string Stream { get; set; } = "LEDGER";

    /// <summary>Each event stream is the subject <c>{SubjectPrefix}.{streamId}</c>.</summary>
    public string SubjectPrefix { get; set; } = "ledger";

    /// <summary>1 on one server; 3 (or 5) in a cluster, so the log survives the loss of a server (1 or 2).</summary>
    public int Replicas { get; set; } = 1;
}
