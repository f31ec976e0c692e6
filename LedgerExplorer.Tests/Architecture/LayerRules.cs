using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace LedgerExplorer.Tests.Architecture;

/// <summary>
/// The dependency rules of Core, written once over a root namespace so the same rules run against the product
/// (<c>LedgerExplorer.Core</c>) and against a deliberately broken copy (Tests/Architecture/Violations) that must fail them.
/// </summary>
internal static class LayerRules
{
    /// <summary>The domain is pure: it uses the BCL and itself, nothing else — no storage, no crypto keys, no framework.</summary>
    public static IArchRule DomainUsesOnlyTheBcl(string root) =>
        Types().That().ResideInNamespace($"{root}.Domain")
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching($@"^(?!System(\..*)?$)(?!{Escape(root)}\.Domain$).*"))
            .Because("the decider must be a pure function of commands, state and events");

    /// <summary>The store port and its adapters sit below everything that uses them.</summary>
    public static IArchRule EventStoreKnowsNothingAbove(string root) =>
        Types().That().ResideInNamespaceOrBelow($"{root}.EventStore")
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching($@"^{Escape(root)}\.(Domain|Application|Projections|Snapshots|Serialization|Privacy|Audit)(\..*)?$"))
            .Because("a backend stores bytes and versions; it must not know what an account is");

    /// <summary>No web framework and no UI anywhere in Core.</summary>
    public static IArchRule NoWebOrUi(string root) =>
        Types().That().ResideInNamespaceOrBelow(root)
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(@"^(Microsoft\.AspNetCore|MudBlazor|Plotly)(\..*)?$"))
            .Because("Core is used by the Projector process and the benchmarks, which have no web server");

    /// <summary>
    /// The cycles among the first-level namespaces under <paramref name="root"/> (a sub-namespace such as
    /// <c>Projections.Balances</c> belongs to its parent's room): each as "A -> B -> A". Empty when there is none.
    /// ArchUnitNET's slice rule treats a sub-namespace as a slice of its own, so the rooms are grouped here.
    /// </summary>
    public static IReadOnlyList<string> NamespaceCycles(ArchitectureModel architecture, string root)
    {
        string? RoomOf(IType type) =>
            type.Namespace.FullName.StartsWith(root + ".", StringComparison.Ordinal) ? type.Namespace.FullName[(root.Length + 1)..].Split('.')[0] : null;

        var edges = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in architecture.Types)
        {
            if (RoomOf(type) is not { } from) continue;
            var targets = edges.TryGetValue(from, out var set) ? set : edges[from] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var dependency in type.Dependencies)
            {
                // A generic method's type parameter is reported in the namespace of whichever type declared the
                // method (source-generated JSON contexts share one): it is no dependency between rooms.
                if (dependency.Target is GenericParameter) continue;
                if (RoomOf(dependency.Target) is { } to && to != from) targets.Add(to);
            }
        }

        var cycles = new List<string>();
        foreach (var start in edges.Keys)
        {
            // Depth-first from each room, looking for a way back to it.
            var path = new Stack<string>();
            bool Visit(string room, HashSet<string> seen)
            {
                path.Push(room);
                foreach (var next in edges.GetValueOrDefault(room) ?? [])
                {
                    if (next == start)
                    {
                        cycles.Add(string.Join(" -> ", path.Reverse().Append(start)));
                        return true;
                    }

                    if (seen.Add(next) && Visit(next, seen)) return true;
                }

                path.Pop();
                return false;
            }

            Visit(start, [start]);
        }

        return cycles;
    }

    private static string Escape(string ns) => ns.Replace(".", @"\.", StringComparison.Ordinal);
}
