using LedgerExplorer.App;
using LedgerExplorer.App.Components;
using LedgerExplorer.App.Features.Load;

if (args is [LoadCommand.Verb, .. var loadArgs]) return await LoadCommand.RunAsync(loadArgs);
if (args is [LedgerExplorer.App.Features.Identity.UsersCommand.Verb, .. var usersArgs]) return await LedgerExplorer.App.Features.Identity.UsersCommand.RunAsync(usersArgs);
if (args is [LedgerExplorer.App.Features.Integrity.VerifyCommand.Verb, .. var verifyArgs]) return await LedgerExplorer.App.Features.Integrity.VerifyCommand.RunAsync(verifyArgs);
if (args is [LedgerExplorer.App.Features.Walkthrough.ProveCommand.Verb, .. var proveArgs]) return await LedgerExplorer.App.Features.Walkthrough.ProveCommand.RunAsync(proveArgs);

var (reset, hostArgs) = CommandLine.TakeFlag(args, "--reset");
var builder = WebApplication.CreateBuilder(hostArgs);
if (reset) builder.Configuration["Ledger:ResetOnStart"] = "true";
if (LedgerExplorer.App.Features.Identity.IdentitySetup.RefuseNonLoopback(builder.Configuration) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 2;
}

// The packages' static files (MudBlazor's, Plotly.Blazor's scripts) from the build output in any environment, not only
// in Development: `dotnet LedgerExplorer.App.dll` from bin/Release serves them too. (A published App has them in wwwroot.)
builder.WebHost.UseStaticWebAssets();

builder.Services.AddLedgerApp(builder.Configuration);

var app = builder.Build();
app.UseLedgerApp();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
