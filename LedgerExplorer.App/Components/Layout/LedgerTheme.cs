using MudBlazor;

namespace LedgerExplorer.App.Components.Layout;

/// <summary>One theme for the explorer: calm colours, a monospace face for raw log data.</summary>
public static class LedgerTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#8b5a1f",
            AppbarBackground = "#17324d",
        },
    };
}
