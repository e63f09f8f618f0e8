using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>
/// The in-memory test server has no TCP peer. This startup filter runs before the app's pipeline and sets the peer
/// address from the test-only header <see cref="Header"/>, as Kestrel would from the socket; the app's forwarded-headers
/// middleware then sees a proxy or a direct client exactly as in production.
/// </summary>
internal sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public const string Proxy = "10.0.0.1";

    /// <summary>The app with <see cref="Proxy"/> as its one known proxy (plus any <paramref name="extra"/> settings).</summary>
    public static WebApplicationFactory<Program> BehindProxy(RunawaysWebFactory app, params (string Key, string Value)[] extra) =>
        app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ReverseProxy:KnownProxies:0", Proxy);
            foreach (var (key, value) in extra)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
        });

    /// <summary>The app without a proxy configured, its peers still set from <see cref="Header"/>.</summary>
    public static WebApplicationFactory<Program> Direct(RunawaysWebFactory app, params (string Key, string Value)[] extra) =>
        app.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in extra)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
        });

    /// <summary>A browser that reaches the app from <paramref name="peer"/> and sends <paramref name="headers"/> with every request.</summary>
    public static HttpClient Browser(WebApplicationFactory<Program> app, string peer, string baseAddress = "http://runaways.example", params (string Name, string Value)[] headers)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        });
        client.DefaultRequestHeaders.Add(Header, peer);
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.Add(name, value);
        }

        return client;
    }

    /// <summary>A client behind the proxy: the proxy is the peer and names the client in X-Forwarded-For.</summary>
    public static HttpClient ViaProxy(WebApplicationFactory<Program> app, string client, string proto = "http") =>
        Browser(app, Proxy, headers: [("X-Forwarded-For", client), ("X-Forwarded-Proto", proto)]);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.Remove(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
