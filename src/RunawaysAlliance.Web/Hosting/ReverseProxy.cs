using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace RunawaysAlliance.Web.Hosting;

/// <summary>
/// The <c>ReverseProxy</c> configuration section: which TLS-terminating proxies (Caddy, nginx, a load balancer)
/// may tell the app who the client is and that the request came over HTTPS.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Proxy addresses, e.g. "10.0.0.5". An IPv4 entry also matches its IPv4-mapped IPv6 form.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "172.30.80.0/24" (the proxy's Docker network).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are read, from the app outwards; each must be known. One proxy: 1.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsConfigured => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>
/// Forwarded headers, trusted only from configured proxies. The container speaks plain HTTP, so in production a
/// proxy terminates TLS in front of it; without these headers every attendee would share the proxy's address (one
/// rate-limit bucket for the venue), and the app would think every request was plain HTTP (no HSTS, no Secure or
/// <c>__Host-</c> sign-in cookie, http:// origins for passkeys).
/// </summary>
internal static class ReverseProxy
{
    public static IHostApplicationBuilder AddRunawaysReverseProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            // The client's address and scheme only. The Host header is passed through by the proxy as the browser
            // sent it (and checked against AllowedHosts), so X-Forwarded-Host is never read.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxy.Value.ForwardLimit >= 1
                ? proxy.Value.ForwardLimit
                : throw new InvalidOperationException($"{ReverseProxyOptions.Section}:ForwardLimit must be 1 or more.");
            // The framework trusts loopback by default; here only what the configuration names is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxyAddress in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxyAddress, out var address)
                    ? address
                    : throw new InvalidOperationException($"{ReverseProxyOptions.Section}:KnownProxies has \"{proxyAddress}\", which is not an IP address."));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{ReverseProxyOptions.Section}:KnownNetworks has \"{network}\", which is not a CIDR network such as 10.0.0.0/8."));
            }
        });
        return builder;
    }

    /// <summary>
    /// First in the pipeline, so that HSTS, cookies, logs and limits all see the client. With nothing configured
    /// the middleware is left out altogether: a client talking to the app directly can then put anything into
    /// X-Forwarded-For and X-Forwarded-Proto without effect. (The middleware itself would trust every peer if both
    /// lists were empty.)
    /// </summary>
    public static WebApplication UseRunawaysForwardedHeaders(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        if (!proxy.IsConfigured)
        {
            return app;
        }

        // Reading the options here also fails start-up on a malformed address, not the first request.
        _ = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        app.Logger.LogInformation("Forwarded headers trusted from proxies {KnownProxies} and networks {KnownNetworks}, {ForwardLimit} hop(s)",
            proxy.KnownProxies, proxy.KnownNetworks, proxy.ForwardLimit);
        app.UseForwardedHeaders();
        return app;
    }
}
