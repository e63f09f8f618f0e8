using MudBlazor;

namespace RunawaysAlliance.Web.Components.Layout;

/// <summary>The app's colours and type: fonts that have Hangul on every phone, no web font download.</summary>
internal static class AppTheme
{
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic", "Roboto", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3b3f8f",
            Secondary = "#e0683a",
            Tertiary = "#2f8f6b",
            AppbarBackground = "#3b3f8f",
            Background = "#f6f5f2",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
    };
}
