using LedgerExplorer.App.Features.Walkthrough;

namespace LedgerExplorer.Tests.Support;

/// <summary>A walkthrough step whose performance is a script the test writes (to show a pass, a failure, a card).</summary>
internal sealed class ScriptedDemonstration(string id, string title, string why, string page, string source, string test, Func<DemonstrationLog, Task> script)
    : OwnLogDemonstration(id, title, why, page, source, test)
{
    protected override Task PerformAsync(DemonstrationLog log, CancellationToken ct) => script(log);
}
