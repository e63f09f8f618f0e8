using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Organize;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>Headers, cookies, antiforgery and the join form's bad-input story, over HTTP on the real pipeline.</summary>
public sealed class SecurityBaselineTests(SqliteDemoFixture fixture) : WebAppTest(fixture), IClassFixture<SqliteDemoFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/events/runaways-2025")]
    [InlineData("/health")]
    public async Task AnyPage_Responds_WithSecurityHeaders(string path)
    {
        using var browser = JoinForm.NewBrowser(App);

        using var response = await browser.GetAsync(path, Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'self'").And.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'")
            .And.Contain("object-src 'none'").And.Contain("connect-src 'self';");
        csp.Should().NotContain("unsafe-eval");
        csp.Replace("style-src 'self' 'unsafe-inline'", string.Empty).Should().NotContain("unsafe-inline", "only MudBlazor's inline styles are allowed");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("same-origin");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
    }

    [Fact]
    public async Task Hsts_OutsideDevelopmentOverHttps_IsSent()
    {
        await using var production = new RunawaysWebFactory(Database.Settings, "Production");
        // HSTS is never sent for localhost (browsers would remember it for every local app), so use a real name.
        using var browser = JoinForm.NewBrowser(production, "https://runaways.example");

        using var response = await browser.GetAsync("/events/runaways-2025", Ct);

        response.Headers.Contains("Strict-Transport-Security").Should().BeTrue();
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("connect-src 'self';");
    }

    [Fact]
    public async Task Hsts_InDevelopment_IsNotSent()
    {
        using var browser = JoinForm.NewBrowser(App, "https://runaways.example");

        using var response = await browser.GetAsync("/events/runaways-2025", Ct);

        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Fact]
    public async Task Join_OverHttps_SetsHostPrefixedSecureHttpOnlyLaxCookie()
    {
        using var browser = JoinForm.NewBrowser(App, "https://localhost");

        using var response = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(App), "Hana");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().EndWith("/events/runaways-2025");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("ra.auth", StringComparison.Ordinal));
        cookie.Should().StartWith("__Host-ra.auth=");
        cookie.ToLowerInvariant().Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/");
        cookie.ToLowerInvariant().Should().NotContain("domain=");
    }

    [Fact]
    public async Task Join_OverHttp_SetsPlainHttpOnlyLaxCookie()
    {
        using var browser = JoinForm.NewBrowser(App);

        using var response = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(App), "Hana");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("ra.auth", StringComparison.Ordinal));
        cookie.Should().StartWith("ra.auth=");
        cookie.ToLowerInvariant().Should().Contain("httponly").And.Contain("samesite=lax");
    }

    [Fact]
    public async Task Join_PostWithoutAntiforgeryToken_IsRefusedAndCreatesNobody()
    {
        var before = await CountPeopleAsync();
        using var browser = JoinForm.NewBrowser(App);

        using var response = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(App), "Forged", withToken: false);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
        (await CountPeopleAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("12345678901234567890123456789012345678901", "at most 40")]
    [InlineData("two\nlines", "one line")]
    public async Task Join_BadDisplayName_ShowsMessageAndCreatesNobody(string name, string message)
    {
        var before = await CountPeopleAsync();
        using var browser = JoinForm.NewBrowser(App);

        using var response = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(App), name);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.Should().Contain("data-testid=\"join-error\"").And.Contain(message);
        (await CountPeopleAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("민지 🌱")]
    [InlineData("👨‍👩‍👧‍👦 Family")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    public async Task Join_UnusualDisplayName_StoredExactlyAsTyped(string name)
    {
        using var browser = JoinForm.NewBrowser(App);

        using var response = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(App), name);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        (await db.People.CountAsync(p => p.DisplayName == name, Ct)).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Join_UnknownCode_ExplainsWhatToDoAndOffersNoForm()
    {
        using var browser = JoinForm.NewBrowser(App);

        using var response = await browser.GetAsync("/join/not-a-code", Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        html.Should().Contain("This link does not work").And.Contain("Ask an organizer");
        html.Should().NotContain("data-testid=\"join-form\"");
    }

    [Fact]
    public async Task Join_ModeratorInvite_JoinsAsModerator()
    {
        using var browser = JoinForm.NewBrowser(App);

        using var response = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(App, moderator: true), "Mod Lee");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var person = await db.People.AsNoTracking().SingleAsync(p => p.DisplayName == "Mod Lee", Ct);
        var evt = await db.Events.AsNoTracking().Include(e => e.Members).SingleAsync(e => e.Slug == DemoEvent.Slug, Ct);
        evt.FindMember(person.Id)!.Role.Should().Be(Domain.Events.EventRole.Moderator);
    }

    [Fact]
    public async Task Join_NetworkOverItsLimit_Gets429WithRetryAfter()
    {
        var limits = App.Services.GetRequiredService<RateLimits>();
        using var browser = JoinForm.NewBrowser(App);
        var code = await JoinForm.DemoJoinCodeAsync(App);
        // The test server has no client address: every request shares the key "unknown", like a venue's one IP.
        while (limits.TryJoin("unknown").IsAllowed)
        {
        }

        using var response = await JoinForm.JoinAsync(browser, code, "Late comer");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter.Should().NotBeNull();
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("Try again in");
    }

    [Fact]
    public async Task Board_OrganizeLink_OnlyForOrganizers()
    {
        using var attendee = JoinForm.NewBrowser(App);
        await JoinForm.JoinAsync(attendee, await JoinForm.DemoJoinCodeAsync(App), "Just Visiting");
        var token = await App.Services.GetRequiredService<FirstOrganizerSetup>().PrepareAsync(Ct);
        using var organizer = JoinForm.NewBrowser(App);
        (await JoinForm.PostAsync(organizer, $"/setup/{token}", "setup", "Input.DisplayName", "First Organizer"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        var attendeeBoard = await (await attendee.GetAsync("/events/runaways-2025", Ct)).Content.ReadAsStringAsync(Ct);
        var organizerBoard = await (await organizer.GetAsync("/events/runaways-2025", Ct)).Content.ReadAsStringAsync(Ct);

        attendeeBoard.Should().Contain("data-nav=\"people\"").And.NotContain("data-testid=\"organize-link\"");
        organizerBoard.Should().Contain("data-testid=\"organize-link\"");
        var console = await (await organizer.GetAsync("/events/runaways-2025/organize", Ct)).Content.ReadAsStringAsync(Ct);
        console.Should().Contain("data-testid=\"join-link\"");
    }

    [Fact]
    public void RateLimits_Posting_TenThenRefusedWithRetryTime()
    {
        using var limits = new RateLimits();
        var person = Guid.NewGuid();

        var decisions = Enumerable.Range(0, 11).Select(_ => limits.TryPost(person)).ToList();

        decisions.Take(10).Should().OnlyContain(d => d.IsAllowed);
        decisions[10].IsAllowed.Should().BeFalse();
        decisions[10].RetryAfterSeconds.Should().BeInRange(1, 60);
        limits.TryPost(Guid.NewGuid()).IsAllowed.Should().BeTrue("limits are per person, not shared");
    }

    private async Task<int> CountPeopleAsync()
    {
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.People.CountAsync(p => !p.IsErased && p.DisplayName != Person.ErasedName, Ct);
    }
}
