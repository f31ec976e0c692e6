using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using LedgerExplorer.Core.Domain;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace LedgerExplorer.Tests.Architecture;

/// <summary>The rooms of Core and which way their doors open (README, "Map of the code").</summary>
public sealed class ArchitectureTests
{
    private const string Core = "LedgerExplorer.Core";

    /// <summary>A miniature Core (Violations/) that breaks every rule once, so each rule is seen to fail.</summary>
    private const string BrokenRoot = "LedgerExplorer.Tests.Architecture.Violations";

    private static readonly ArchitectureModel Product = new ArchLoader().LoadAssemblies(typeof(AccountDecider).Assembly).Build();

    private static readonly ArchitectureModel Broken = new ArchLoader()
        .LoadNamespacesWithinAssembly(typeof(ArchitectureTests).Assembly, BrokenRoot)
        .Build();

    [Fact]
    public void The_domain_depends_on_nothing_but_the_base_class_library() => LayerRules.DomainUsesOnlyTheBcl(Core).Check(Product);

    [Fact]
    public void The_event_store_depends_on_nothing_above_it() => LayerRules.EventStoreKnowsNothingAbove(Core).Check(Product);

    [Fact]
    public void Core_references_no_web_framework_and_no_ui() => LayerRules.NoWebOrUi(Core).Check(Product);

    [Fact]
    public void Core_has_no_namespace_cycles() => Assert.Empty(LayerRules.NamespaceCycles(Product, Core));

    // Negative controls: the same rules, over a namespace that breaks each of them on purpose, must fail.
    [Fact]
    public void A_domain_that_touches_storage_fails_the_rule() => Assert.False(LayerRules.DomainUsesOnlyTheBcl(BrokenRoot).HasNoViolations(Broken));

    [Fact]
    public void An_event_store_that_knows_the_domain_fails_the_rule() => Assert.False(LayerRules.EventStoreKnowsNothingAbove(BrokenRoot).HasNoViolations(Broken));

    [Fact]
    public void A_core_type_that_uses_aspnet_fails_the_rule() => Assert.False(LayerRules.NoWebOrUi(BrokenRoot).HasNoViolations(Broken));

    [Fact]
    public void Two_namespaces_that_use_each_other_fail_the_rule() =>
        Assert.Contains("Application -> EventStore -> Application", LayerRules.NamespaceCycles(Broken, BrokenRoot));
}
