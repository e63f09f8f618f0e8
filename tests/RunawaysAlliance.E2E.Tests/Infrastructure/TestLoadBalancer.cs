using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// A real load balancer (YARP) on 127.0.0.1 in front of several app instances, configured the way a deployment
/// needs it for Blazor Server (README, "Several instances"):
/// sticky sessions by cookie (a circuit lives in one process), WebSockets proxied, an active health check on
/// /health every second, and a visitor whose instance is down sent to a healthy one. New visitors go to the first
/// healthy instance by name, so a test knows where a circuit lives.
/// </summary>
internal sealed class TestLoadBalancer : IAsyncDisposable
{
    /// <summary>The cookie that pins a browser to its instance.</summary>
    public const string AffinityCookie = "ra-instance";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string Instance)> _routed = new();

    private TestLoadBalancer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The instance each circuit connection (/_blazor, negotiate included) went to, in order.</summary>
    public IReadOnlyList<string> CircuitInstances => [.. _routed.Where(r => r.Path.StartsWith("/_blazor", StringComparison.Ordinal)).Select(r => r.Instance)];

    /// <summary>The instance each page request (not a static file, not the circuit) went to, in order.</summary>
    public IReadOnlyList<(string Path, string Instance)> PageRequests =>
        [.. _routed.Where(r => !r.Path.StartsWith("/_", StringComparison.Ordinal) && !Path.HasExtension(r.Path))];

    /// <summary>Starts the balancer in front of <paramref name="instances"/> (name → address) and waits until every one is healthy.</summary>
    public static async Task<TestLoadBalancer> StartAsync(IReadOnlyDictionary<string, Uri> instances, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig
                {
                    RouteId = "app",
                    ClusterId = "instances",
                    Match = new RouteMatch { Path = "{**catch-all}" },
                    // The Host header goes on unchanged, as Caddy does in docker-compose.yml: the app builds its redirects
                    // and checks AllowedHosts with the name the browser used.
                    Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
                },
            ],
            [
                new ClusterConfig
                {
                    ClusterId = "instances",
                    LoadBalancingPolicy = LoadBalancingPolicies.FirstAlphabetical,
                    SessionAffinity = new SessionAffinityConfig
                    {
                        Enabled = true,
                        Policy = "Cookie",
                        // The pinned instance is down: choose another healthy one (and pin the browser to it).
                        FailurePolicy = "Redistribute",
                        AffinityKeyName = AffinityCookie,
                    },
                    HealthCheck = new HealthCheckConfig
                    {
                        Active = new ActiveHealthCheckConfig
                        {
                            Enabled = true,
                            Interval = TimeSpan.FromSeconds(1),
                            Timeout = TimeSpan.FromSeconds(1),
                            Policy = "ConsecutiveFailures",
                            Path = "/health",
                        },
                    },
                    Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" },
                    Destinations = instances.ToDictionary(i => i.Key, i => new DestinationConfig { Address = i.Value.ToString() }),
                },
            ]);

        var app = builder.Build();
        var balancer = new TestLoadBalancer(app);
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.Use((context, next) =>
            {
                var chosen = context.GetReverseProxyFeature().AvailableDestinations;
                balancer._routed.Enqueue((context.Request.Path.Value ?? "/", string.Join('+', chosen.Select(d => d.DestinationId))));
                return next();
            });
            pipeline.UsePassiveHealthChecks();
        });

        try
        {
            await app.StartAsync(ct);
            var address = app.Urls.Single();
            balancer.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            await balancer.WaitUntilAsync(state => state.Count == instances.Count, "every instance healthy", ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return balancer;
    }

    private async Task WaitUntilAsync(Func<IReadOnlyCollection<string>, bool> condition, string what, CancellationToken ct)
    {
        var cluster = _app.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster("instances", out var found)
            ? found
            : throw new InvalidOperationException("The balancer has no cluster.");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var healthy = cluster.DestinationsState.AvailableDestinations.Select(d => d.DestinationId).ToList();
            if (condition(healthy))
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"The load balancer did not see {what} within 30 s.");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
