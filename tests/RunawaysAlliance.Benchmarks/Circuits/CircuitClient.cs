using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunawaysAlliance.Benchmarks.Circuits;

/// <summary>
/// One real Blazor Server circuit, as a browser makes it, without a browser: read the page's prerender markers, connect
/// to <c>/_blazor</c> over WebSockets with the blazorpack protocol, start the circuit, add the prerendered root
/// components, acknowledge every render batch, and answer every JS call with "done". What each batch carries is
/// handed to <see cref="OnBatch"/> (the driver looks for the text of the change it made).
/// </summary>
internal sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly TaskCompletionSource _firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CircuitClient(HubConnection hub) => _hub = hub;

    /// <summary>Called on the connection's thread with every render batch's bytes.</summary>
    public Action<CircuitClient, ReadOnlyMemory<byte>>? OnBatch { get; set; }

    /// <summary>The index of the last change this circuit has shown (the driver's bookkeeping).</summary>
    public int LastSeen { get; set; } = -1;

    public int Batches { get; private set; }

    public bool IsConnected => _hub.State == HubConnectionState.Connected;

    /// <summary>Opens a circuit on <paramref name="page"/> and waits for its first render.</summary>
    public static async Task<CircuitClient> OpenAsync(HttpClient http, Uri page, Action<CircuitClient, ReadOnlyMemory<byte>>? onBatch, CancellationToken ct)
    {
        var html = await http.GetStringAsync(page, ct);
        var markers = Markers().Matches(html)
            .Select(m => m.Groups[1].Value)
            .Where(json => json.Contains("\"type\":\"server\"", StringComparison.Ordinal) && json.Contains("\"descriptor\"", StringComparison.Ordinal))
            .ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{page} has no interactive server component to start a circuit for.");
        }

        var state = ComponentState().Match(html) is { Success: true } s ? s.Groups[1].Value : string.Empty;
        var baseUri = new Uri(page, "/").ToString();
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(page, "/_blazor"), HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var hub = builder.Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(5);
        hub.HandshakeTimeout = TimeSpan.FromMinutes(2);
        var client = new CircuitClient(hub) { OnBatch = onBatch };
        hub.On<long, byte[]>("JS.RenderBatch", (id, batch) => client.Render(id, batch));
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long)], args =>
            hub.SendAsync("EndInvokeJSFromDotNet", (long)args[0]!, true, $"[{(long)args[0]!},true,null]"));
        hub.On<string>("JS.Error", error => Console.Error.WriteLine($"circuit error: {error}"));

        await hub.StartAsync(ct);
        var circuitId = await hub.InvokeAsync<string?>("StartCircuit", baseUri, page.ToString(), "[]", string.Empty, ct);
        if (string.IsNullOrEmpty(circuitId))
        {
            throw new InvalidOperationException("The server refused to start a circuit.");
        }

        var operations = markers.Select((json, i) =>
        {
            var marker = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
            return new Dictionary<string, object> { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker };
        }).ToList();
        var batch = JsonSerializer.Serialize(new { batchId = 1, operations });
        await hub.SendAsync("UpdateRootComponents", batch, state, ct);
        await client._firstBatch.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
        return client;
    }

    private Task Render(long id, byte[] batch)
    {
        Batches++;
        OnBatch?.Invoke(this, batch);
        _firstBatch.TrySetResult();
        return _hub.SendAsync("OnRenderCompleted", id, null);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([A-Za-z0-9+/=_-]*)-->")]
    private static partial Regex ComponentState();
}
