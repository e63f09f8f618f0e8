using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace RunawaysAlliance.Web.Tests;

/// <summary>A bUnit context with what the board's components need: MudBlazor, loose JS interop and the app's UI strings.</summary>
internal static class ComponentContext
{
    /// <summary>Creates the context and sets the UI culture of the calling test (English unless told otherwise).</summary>
    public static BunitContext Create(string culture = "en")
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        // The same resource folder as the app (WebHosting), so that the real English and Korean strings render.
        context.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        return context;
    }
}
