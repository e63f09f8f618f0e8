using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;

namespace RunawaysAlliance.Web.Tests;

/// <summary>The app over HTTP (TestServer) on a demo-seeded database: the contracts that other tools rely on.</summary>
public abstract class WebAppTests(IDemoFixture fixture)
{
    private const string BoardPath = "/events/" + DemoEvent.Slug;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_DatabaseReady_ReturnsHealthyWithDatabaseCheck()
    {
        using var client = await CreateClientAsync();

        using var response = await client.GetAsync("/health", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        body.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        var database = body.RootElement.GetProperty("checks").EnumerateArray()
            .Should().ContainSingle(c => c.GetProperty("name").GetString() == "database").Subject;
        database.GetProperty("status").GetString().Should().Be("Healthy");
        // The configured provider is the one in use (not the embedded default).
        database.GetProperty("description").GetString().Should()
            .Contain(fixture.Provider == DatabaseProvider.Postgres ? "Npgsql" : "Sqlite");
    }

    [Fact]
    public async Task Board_DemoEvent_Renders21SlotsOf5Taken()
    {
        using var client = await CreateClientAsync();

        using var response = await client.GetAsync(BoardPath, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.QuerySelector("[data-testid=board]")!.GetAttribute("data-event").Should().Be(DemoEvent.Slug);
        var slots = page.QuerySelectorAll("[data-testid=slot]");
        slots.Should().HaveCount(21);
        slots.Where(s => s.GetAttribute("data-state") == "taken").Should().HaveCount(5);
        slots.Where(s => s.GetAttribute("data-state") == "open").Should().HaveCount(16);
        var hallFirst = slots.Single(s => s.GetAttribute("data-room") == "Hall" && s.GetAttribute("data-round") == "1");
        hallFirst.QuerySelector("[data-testid=slot-title]")!.TextContent.Should().Be("작은 카페의 단골 손님을 늘리고 싶어요");
        hallFirst.QuerySelector("[data-testid=slot-seats]")!.TextContent.Should().Contain("/ 35 seats");
    }

    [Fact]
    public async Task Board_UnknownSlug_Returns404()
    {
        using var client = await CreateClientAsync();

        using var response = await client.GetAsync("/events/no-such-event", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Board_CardTitleWithMarkup_RenderedAsText()
    {
        const string title = "<script>alert(1)</script><img src=x onerror=alert(1)>";
        var factory = await fixture.GetWebAppAsync(Ct);
        await AddCardAsync(factory, title);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(BoardPath, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        var page = new HtmlParser().ParseDocument(html);
        page.QuerySelectorAll("[data-testid=card] .card-title").Select(t => t.TextContent).Should().Contain(title);
        page.QuerySelectorAll("script").Should().NotContain(s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        page.QuerySelectorAll("[onerror]").Should().BeEmpty();
        page.QuerySelectorAll("img[src=x]").Should().BeEmpty();
    }

    [Fact]
    public async Task Events_Home_ListsDemoEventWithLinkToItsBoard()
    {
        using var client = await CreateClientAsync();

        using var response = await client.GetAsync("/", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.QuerySelectorAll(".event-item h2").Select(h => h.TextContent.Trim()).Should().Contain("Runaways' Alliance 2025");
        page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Contain(BoardPath);
    }

    [Fact]
    public async Task CultureSet_Korean_SetsCultureCookieAndRedirectsBack()
    {
        using var client = await CreateClientAsync();

        using var response = await client.GetAsync($"/culture/set?culture=ko&returnUrl={Uri.EscapeDataString(BoardPath)}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(BoardPath);
        var cookie = SetCookieHeaderValue.ParseList(response.Headers.GetValues(HeaderNames.SetCookie).ToList())
            .Should().ContainSingle(c => c.Name == ".AspNetCore.Culture").Subject;
        Uri.UnescapeDataString(cookie.Value.ToString()).Should().Be("c=ko|uic=ko");
        cookie.HttpOnly.Should().BeTrue();
        cookie.SameSite.Should().Be(SameSiteMode.Lax);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("evil.example")]
    public async Task CultureSet_ReturnUrlElsewhere_RedirectsHome(string returnUrl)
    {
        using var client = await CreateClientAsync();

        using var response = await client.GetAsync($"/culture/set?culture=ko&returnUrl={Uri.EscapeDataString(returnUrl)}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    // Browsers drop tabs and line breaks from URLs, so "/\t/evil.example" means "//evil.example".
    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    public async Task CultureSet_ReturnUrlWithControlCharacters_RedirectsHome(string returnUrl)
    {
        using var client = await CreateClientAsync();

        using var response = await client.GetAsync($"/culture/set?culture=ko&returnUrl={Uri.EscapeDataString(returnUrl)}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task Board_KoreanCultureCookie_RendersKorean()
    {
        using var client = await CreateClientAsync();
        using (var set = await client.GetAsync($"/culture/set?culture=ko&returnUrl={Uri.EscapeDataString(BoardPath)}", Ct))
        {
            set.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        using var response = await client.GetAsync(BoardPath, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await ParseAsync(response);
        page.DocumentElement.GetAttribute("lang").Should().Be("ko");
        page.QuerySelectorAll("[data-state=open] .slot-open-label").Select(l => l.TextContent).Should().NotBeEmpty()
            .And.AllBe("비어 있음");
        page.Body!.TextContent.Should().Contain("비어 있음").And.NotContain("Free for a moderator to claim");
    }

    private async Task<HttpClient> CreateClientAsync()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));

    private static async Task AddCardAsync(RunawaysWebFactory factory, string title)
    {
        var store = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var demo = await DemoEventData.LoadAsync(store, Ct);
        await using var db = store.CreateDbContext();
        db.Cards.Add(new ProblemCard(Guid.NewGuid(), demo.EventId, demo.Person("Sara"),
            new CardContent(title, "A title that looks like markup must stay text.", "Anyone", CardKind.NonCommercial, ["xss"], "en"),
            DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Ct);
    }
}
