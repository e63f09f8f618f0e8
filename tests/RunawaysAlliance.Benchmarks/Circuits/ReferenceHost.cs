using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunawaysAlliance.Benchmarks.Circuits;

/// <summary>
/// The reference the board is measured against: a trivial Blazor Server app with one interactive component that shows
/// one line of text and re-renders whenever <c>POST /change?text=…</c> sets it. Hosted by the benchmark (never shipped in
/// the app), in its own process, with the same server settings as the app, so the two can be compared in one run.
/// </summary>
internal static class ReferenceHost
{
    public static int Run(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        var app = builder.Build();
        app.UseAntiforgery();
        app.MapPost("/change", (string text) =>
        {
            ReferenceChanges.Publish(text);
            return Results.NoContent();
        });
        app.MapRazorComponents<ReferenceDocument>().AddInteractiveServerRenderMode();
        Console.WriteLine($"reference app on http://127.0.0.1:{port}/ (pid {Environment.ProcessId})");
        app.Run();
        return 0;
    }
}

/// <summary>Where the reference component hears of a change (the reference's whole "feed").</summary>
internal static class ReferenceChanges
{
    public static string Text { get; private set; } = "start";

    public static event Action? Changed;

    public static void Publish(string text)
    {
        Text = text;
        Changed?.Invoke();
    }
}

/// <summary>The reference's page: the document with the one interactive component.</summary>
public sealed class ReferenceDocument : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "html");
        builder.OpenElement(1, "head");
        builder.AddMarkupContent(2, "<meta charset=\"utf-8\"><base href=\"/\"><title>reference</title>");
        builder.CloseElement();
        builder.OpenElement(3, "body");
        builder.OpenComponent<ReferenceCounter>(4);
        builder.AddComponentRenderMode(RenderMode.InteractiveServer);
        builder.CloseComponent();
        builder.AddMarkupContent(5, "<script src=\"_framework/blazor.web.js\"></script>");
        builder.CloseElement();
        builder.CloseElement();
    }
}

/// <summary>Gives the reference app its one address ("/"); the document renders the component itself.</summary>
[Route("/")]
public sealed class ReferenceIndex : ComponentBase;

/// <summary>The one-counter component: one line, re-rendered on every change.</summary>
public sealed class ReferenceCounter : ComponentBase, IDisposable
{
    protected override void OnInitialized() => ReferenceChanges.Changed += OnChanged;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "p");
        builder.AddContent(1, "Now: ");
        builder.AddContent(2, ReferenceChanges.Text);
        builder.CloseElement();
    }

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => ReferenceChanges.Changed -= OnChanged;
}
