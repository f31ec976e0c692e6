using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Snapshots;

/// <summary>
/// A fingerprint of the fold's code: the build of the assembly holding <see cref="AccountDecider.Evolve"/>. A
/// snapshot checked against the events under one build is checked again under the next, because a fix to Evolve
/// without a schema bump changes what the events fold to — the drift a checksum cannot see.
/// </summary>
public static class FoldCode
{
    // Stryker disable once String : a static initializer, run once per test process — Stryker's MTP runner keeps one process across mutants (stryker-net#3742)
    public static string Current { get; } = typeof(AccountDecider).Assembly.ManifestModule.ModuleVersionId.ToString("N");
}
