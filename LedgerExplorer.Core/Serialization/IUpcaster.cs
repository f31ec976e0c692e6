using System.Text.Json.Nodes;

namespace LedgerExplorer.Core.Serialization;

/// <summary>
/// Turns one stored shape of an event into the next: (<see cref="EventType"/>, <see cref="FromVersion"/>) →
/// <see cref="FromVersion"/> + 1. Upcasters compose: v1 → v2 → v3 is two of them in a row. The stored
/// bytes are never touched; this runs on every read of an old event.
/// </summary>
public interface IUpcaster
{
    string EventType { get; }

    int FromVersion { get; }

    JsonObject Upcast(JsonObject data);
}
