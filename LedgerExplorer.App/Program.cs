using LedgerExplorer.App;
using LedgerExplorer.App.Components;

var (reset, hostArgs) = CommandLine.TakeFlag(args, "--reset");
var builder = WebApplication.CreateBuilder(hostArgs);
if (reset) builder.Configuration["Ledger:ResetOnStart"] = "true";

builder.Services.AddLedgerApp(builder.Configuration);

var app = builder.Build();
app.UseLedgerApp();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
