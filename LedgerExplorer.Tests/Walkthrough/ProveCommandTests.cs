using LedgerExplorer.App.Features.Walkthrough;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Walkthrough;

public sealed class ProveCommandTests
{
    [Fact]
    public async Task Prove_runs_every_demonstration_on_fresh_ledgers_and_every_row_passes_and_PROOFS_md_is_written()
    {
        Assert.NotNull(NatsServer.Executable); // the JetStream row must run here, not be skipped: ./test.sh installs nats-server
        using var directory = new TempDirectory();
        var output = directory.File("PROOFS.md");
        var console = new StringWriter();

        var exitCode = await ProveCommand.RunAsync(["--out", output], console, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(console.ToString());
        Assert.Equal(0, exitCode);
        Assert.Contains($"{Demonstrations.All.Count} passed, 0 failed, 0 not run", console.ToString(), StringComparison.Ordinal);
        var rows = (await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken)).Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| demonstration", StringComparison.Ordinal)).ToList();
        Assert.Equal(Demonstrations.All.Count, rows.Count);
        Assert.All(rows, row => Assert.Contains("| pass |", row, StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains("ConcurrencyException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_demonstration_whose_check_fails_reports_failed_with_the_reason()
    {
        var broken = new ScriptedDemonstration("broken", "Broken", "", "/", "x.cs", "none", log =>
        {
            log.Did("Checked something untrue.");
            log.Expect(false, "Two hashes differed.");
            return Task.CompletedTask;
        });

        var result = await broken.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(DemonstrationOutcome.Failed, result.Outcome);
        Assert.Equal("Two hashes differed.", result.Reason);
        Assert.Contains("| FAIL |", ProveCommand.Markdown([(broken, result)]), StringComparison.Ordinal);
    }
}
