using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;

namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>A step run on a fresh <see cref="Sandbox"/> of its own, through the same code the App uses; the sandbox is deleted afterwards.</summary>
public abstract class SandboxDemonstration(string id, string title, string why, string page, string source, string test)
    : Demonstration(id, title, why, page, source, test), IDemonstration
{
    protected static readonly CommandContext Alice = CommandContext.For("alice");

    public override Task<DemonstrationResult> RunAsync(CancellationToken cancellationToken = default) => RecordAsync(async log =>
    {
        await using var sandbox = await Sandbox.CreateAsync(cancellationToken: cancellationToken);
        await PerformAsync(sandbox, log, cancellationToken);
    });

    public abstract Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct);

    protected static async Task<AccountId> OpenAsync(Sandbox sandbox, string owner, decimal deposit = 0, CancellationToken ct = default)
    {
        var handler = sandbox.Get<AccountCommandHandler>();
        var id = AccountId.New();
        Accepted(await handler.HandleAsync(id, new OpenAccount(owner, Plan.Basic, "EUR"), Alice, ct));
        if (deposit > 0) Accepted(await handler.HandleAsync(id, new Deposit(deposit), Alice, ct));
        return id;
    }

    protected static CommandResult Accepted(CommandOutcome outcome) =>
        outcome is CommandOutcome.Accepted accepted ? accepted.Result : throw new InvalidOperationException($"The command was not accepted: {outcome}");

    protected static IProjectionRunner Balances(Sandbox sandbox) => sandbox.Get<ProjectionCatalog>().Find(BalancesProjection.ProjectionName)!;

    protected static string Short(string hash) => hash[..16] + "…";
}
