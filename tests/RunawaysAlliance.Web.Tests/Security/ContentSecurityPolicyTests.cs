using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using RunawaysAlliance.Web.Hosting;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>The Content-Security-Policy comes from configuration; whatever a client puts into Host never reaches it.</summary>
public sealed class ContentSecurityPolicyTests(SqliteDemoFixture fixture) : WebAppTest(fixture), IClassFixture<SqliteDemoFixture>
{
    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("https://evil.example")]
    public async Task Csp_SpoofedHostHeader_NotInPolicy(string spoofed)
    {
        using var browser = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(spoofed) });

        using var response = await browser.GetAsync("/events/runaways-2025", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "AllowedHosts is \"*\" by default, so the request itself is served");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().NotContain("evil.example");
        csp.Should().Contain("connect-src 'self';");
    }

    [Fact]
    public async Task Csp_AllowedHostsConfigured_ListsTheirSocketsAndRefusesOtherHosts()
    {
        await using var app = App.WithWebHostBuilder(builder => builder.UseSetting("AllowedHosts", "runaways.example;*.runaways.example"));
        using var allowed = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://runaways.example") });
        using var spoofed = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://evil.example") });

        using var page = await allowed.GetAsync("/events/runaways-2025", Ct);
        using var refused = await spoofed.GetAsync("/events/runaways-2025", Ct);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.GetValues("Content-Security-Policy").Single().Should()
            .Contain("connect-src 'self' wss://runaways.example wss://*.runaways.example;");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "host filtering refuses a Host that AllowedHosts does not name");
        refused.Headers.TryGetValues("Content-Security-Policy", out var csp);
        (csp ?? []).Should().NotContain(value => value.Contains("evil.example", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "connect-src 'self';")]
    [InlineData("*", "connect-src 'self';")]
    [InlineData("Runaways.Example", "connect-src 'self' wss://runaways.example;")]
    [InlineData(" a.example ; b.example ;a.example", "connect-src 'self' wss://a.example wss://b.example;")]
    [InlineData("[::1];localhost;bad host;x.example:8443;x';", "connect-src 'self' wss://localhost;")]
    public void ContentSecurityPolicy_FromAllowedHosts_OnlyWellFormedHosts(string? allowedHosts, string connectSrc)
    {
        var policy = SecurityHeaders.ContentSecurityPolicy(allowedHosts);

        policy.Should().Contain(connectSrc);
        policy.Should().StartWith("default-src 'self'; script-src 'self';").And.EndWith("object-src 'none'");
    }
}
