using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>
/// The app behind a TLS-terminating proxy (10.0.0.1, configured as known): clients are told apart by the address
/// the proxy names, a direct client's forwarded headers are ignored, and HTTPS at the proxy means HSTS and a
/// <c>__Host-</c> Secure cookie. Peers are set per request by <see cref="PeerAddress"/>.
/// </summary>
public sealed class ReverseProxyTests(SqliteDemoFixture fixture) : WebAppTest(fixture), IClassFixture<SqliteDemoFixture>
{
    private const string Burst = "3";

    [Fact]
    public async Task AnonymousPost_TwoClientsBehindOneProxy_SeparateBuckets()
    {
        await using var app = PeerAddress.BehindProxy(App, ("RateLimits:AnonymousPosts:Burst", Burst));
        using var first = PeerAddress.ViaProxy(app, "203.0.113.1");
        using var second = PeerAddress.ViaProxy(app, "203.0.113.2");

        var firstStatuses = await PostManyAsync(first, 4);
        var secondStatus = await PostAsync(second);

        firstStatuses.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
        secondStatus.Should().Be(HttpStatusCode.BadRequest, "the other attendee behind the same proxy has a bucket of their own");
    }

    [Fact]
    public async Task AnonymousPost_DirectClientSpoofingForwardedFor_IsCountedByItsOwnAddress()
    {
        await using var app = PeerAddress.BehindProxy(App, ("RateLimits:AnonymousPosts:Burst", Burst));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // A fresh made-up client address every time, straight to the app instead of through the proxy.
            using var spoofer = PeerAddress.Browser(app, "198.51.100.7", headers: [("X-Forwarded-For", $"203.0.113.{10 + i}")]);
            statuses.Add(await PostAsync(spoofer));
        }

        using var framed = PeerAddress.ViaProxy(app, "203.0.113.13");

        statuses.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
        (await PostAsync(framed)).Should().Be(HttpStatusCode.BadRequest, "the spoofed address's own bucket was never touched");
    }

    [Fact]
    public async Task AnonymousPost_ClientPrependsToForwardedFor_OnlyTheProxysEntryCounts()
    {
        await using var app = PeerAddress.BehindProxy(App, ("RateLimits:AnonymousPosts:Burst", Burst));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // What the proxy passes on when the client sent its own X-Forwarded-For: the client's value, then the proxy's.
            using var client = PeerAddress.ViaProxy(app, $"192.0.2.{i + 1}, 203.0.113.20");
            statuses.Add(await PostAsync(client));
        }

        statuses.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnonymousPost_Ipv6_SameSlash64SharesABucketAndAnotherSlash64DoesNot()
    {
        await using var app = PeerAddress.BehindProxy(App, ("RateLimits:AnonymousPosts:Burst", Burst));
        var statuses = new List<HttpStatusCode>();
        foreach (var address in (string[])["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:abcd:ef01:2345:6789", "2001:db8:1:2::ffff"])
        {
            using var client = PeerAddress.ViaProxy(app, address);
            statuses.Add(await PostAsync(client));
        }

        using var neighbour = PeerAddress.ViaProxy(app, "2001:db8:1:3::1");

        statuses.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
        (await PostAsync(neighbour)).Should().Be(HttpStatusCode.BadRequest, "2001:db8:1:3::/64 is another household");
    }

    [Fact]
    public async Task AnonymousPost_NoProxyConfigured_ForwardedForIsIgnored()
    {
        await using var app = PeerAddress.Direct(App, ("RateLimits:AnonymousPosts:Burst", Burst));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // Even from the address that would be the proxy: nothing is trusted until configured.
            using var client = PeerAddress.Browser(app, PeerAddress.Proxy, headers: [("X-Forwarded-For", $"203.0.113.{30 + i}")]);
            statuses.Add(await PostAsync(client));
        }

        statuses.Should().Equal(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Join_TwoClientsBehindOneProxy_OneAtTheJoinLimitDoesNotBlockTheOther()
    {
        await using var app = PeerAddress.BehindProxy(App);
        var limits = app.Services.GetRequiredService<RateLimits>();
        while (limits.TryJoin("203.0.113.41").IsAllowed)
        {
        }

        var code = await JoinForm.DemoJoinCodeAsync(app);
        using var limited = PeerAddress.ViaProxy(app, "203.0.113.41");
        using var other = PeerAddress.ViaProxy(app, "203.0.113.42");

        using var refused = await JoinForm.JoinAsync(limited, code, "Late comer");
        using var joined = await JoinForm.JoinAsync(other, code, "On time");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadAsStringAsync(Ct)).Should().Contain("Try again in");
        joined.StatusCode.Should().Be(HttpStatusCode.Redirect, "before, every attendee behind the proxy shared the proxy's bucket");
    }

    [Fact]
    public async Task Join_ProxySaysHttps_HostPrefixedSecureCookieAndHsts()
    {
        await using var production = new RunawaysWebFactory(Database.Settings, "Production");
        await using var app = PeerAddress.BehindProxy(production);
        // The proxy terminates TLS: the app itself is reached over plain HTTP.
        using var browser = PeerAddress.ViaProxy(app, "203.0.113.51", proto: "https");

        using var response = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(app), "Hana");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("ra.auth", StringComparison.Ordinal));
        cookie.Should().StartWith("__Host-ra.auth=");
        cookie.ToLowerInvariant().Should().Contain("; secure").And.Contain("httponly").And.Contain("path=/").And.NotContain("domain=");
        response.Headers.Contains("Strict-Transport-Security").Should().BeTrue();
        response.Headers.Location!.OriginalString.Should().NotStartWith("http:", "the app knows the page is served over HTTPS");
    }

    [Fact]
    public async Task Join_DirectClientClaimsHttps_PlainCookieAndNoHsts()
    {
        await using var production = new RunawaysWebFactory(Database.Settings, "Production");
        await using var app = PeerAddress.BehindProxy(production);
        using var browser = PeerAddress.Browser(app, "198.51.100.8", headers: [("X-Forwarded-Proto", "https")]);

        using var response = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(app), "Hana");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("ra.auth", StringComparison.Ordinal));
        cookie.Should().StartWith("ra.auth=");
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Fact]
    public async Task AnonymousPost_Flood_429WithRetryAfterShortTextAndOneLogLineEach()
    {
        await using var production = new RunawaysWebFactory(Database.Settings, "Production");
        var captured = new CapturingSink();
        await using var app = production.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:AnonymousPosts:Burst", Burst);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(captured));
        });
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        (await client.GetAsync("/health", Ct)).EnsureSuccessStatusCode();
        captured.Events.Clear();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await client.PostAsync("/join/any-code", Form(), Ct));
        }

        try
        {
            responses.Take(3).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.BadRequest, "the limit's burst is 3; a form without a token is still a 400");
            var refused = responses.Skip(3).ToList();
            refused.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            refused.Should().OnlyContain(r => r.Headers.RetryAfter != null && r.Headers.RetryAfter.Delta >= TimeSpan.FromSeconds(1));
            var text = await refused[0].Content.ReadAsStringAsync(Ct);
            text.Should().Contain("Try again in");
            text.Length.Should().BeLessThan(200, "a refusal is a short answer, not a page");
            var lines = captured.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Information).Select(e => e.RenderMessage(null)).ToList();
            lines.Should().HaveCount(10, "one request-log line per request: {0}", string.Join(" | ", lines));
            lines.Skip(3).Should().OnlyContain(l => l.Contains("429", StringComparison.Ordinal) && l.Contains("/join/***", StringComparison.Ordinal));
        }
        finally
        {
            responses.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task AnonymousPost_DefaultLimit_AHallBehindOneAddressIsNotRefused()
    {
        // No proxy of the app's own: 200 attendees' forms (the join limit's whole burst) arrive from one address.
        await using var app = PeerAddress.Direct(App);
        using var hall = PeerAddress.Browser(app, "198.51.100.9");

        var statuses = await PostManyAsync(hall, 200);

        statuses.Should().NotContain(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Post_SignedIn_NotCountedAgainstTheAnonymousLimit()
    {
        await using var app = PeerAddress.Direct(App, ("RateLimits:AnonymousPosts:Burst", "1"));
        using var browser = PeerAddress.Browser(app, "198.51.100.10");
        using var joined = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(app), "Signed In");
        joined.StatusCode.Should().Be(HttpStatusCode.Redirect, "the join was the address's one anonymous write");

        var statuses = await PostManyAsync(browser, 3, "/account/passkey-creation-options");

        statuses.Should().OnlyContain(s => s == HttpStatusCode.BadRequest, "a signed-in person's writes are limited per person, in the services");
    }

    private static FormUrlEncodedContent Form() => new(new Dictionary<string, string> { ["UserName"] = "mina", ["Password"] = "not-sent" });

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string path = "/account/sign-in")
    {
        using var form = Form();
        using var response = await client.PostAsync(path, form, Ct);
        return response.StatusCode;
    }

    private static async Task<List<HttpStatusCode>> PostManyAsync(HttpClient client, int count, string path = "/account/sign-in")
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add(await PostAsync(client, path));
        }

        return statuses;
    }
}
