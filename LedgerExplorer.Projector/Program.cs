using LedgerExplorer.Core.Composition;

namespace LedgerExplorer.Projector;

/// <summary>
/// The projector as its own OS process: the App starts it as a child (Projector:Mode=Child), or run it by
/// hand with <c>dotnet run --project LedgerExplorer.Projector</c> (its appsettings.json points at the App's
/// ./data; <c>--Ledger:DataDir=PATH</c> points it elsewhere). SIGTERM or Ctrl+C stops it between batches.
/// </summary>
public static class ProjectorProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddLedgerCore(builder.Configuration);
        builder.Services.AddHostedService<ProjectorWorker>();

        using var host = builder.Build();
        await host.RunAsync();
        return Environment.ExitCode;
    }
}
