using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LedgerExplorer.Tests.Support;

/// <summary>The one bUnit context every component test uses: loose JS interop, MudBlazor services, an interactive renderer.</summary>
public abstract class LedgerBunitContext : BunitContext
{
    protected LedgerBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>Call after registering services and before rendering anything with a popover (selects, dialogs).</summary>
    protected void RenderPopoverProvider()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        PopoverProvider = Render<MudPopoverProvider>();
        DialogProvider = Render<MudDialogProvider>();
    }

    /// <summary>Where popovers (a select's list) render.</summary>
    protected IRenderedComponent<MudPopoverProvider> PopoverProvider { get; private set; } = default!;

    /// <summary>Where dialogs render: look for a dialog's content here, not in the page that opened it.</summary>
    protected IRenderedComponent<MudDialogProvider> DialogProvider { get; private set; } = default!;
}
