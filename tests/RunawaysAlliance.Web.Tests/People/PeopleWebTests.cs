using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.People;

namespace RunawaysAlliance.Web.Tests.People;

/// <summary>The people pages and the data download over HTTP, signed in the way people are: by the join link.</summary>
public abstract partial class PeopleWebTests(IDemoFixture fixture) : WebAppTest(fixture)
{
    [Theory]
    [InlineData("/me")]
    [InlineData("/me/contacts")]
    [InlineData("/me/data")]
    [InlineData("/me/delete")]
    [InlineData("/me/data.json")]
    public async Task MyPages_Anonymous_SentToSignIn(string path)
    {
        using var browser = NewBrowser();

        using var response = await browser.GetAsync(path, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/sign-in");
    }

    [Fact]
    public async Task DataJson_SignedIn_OwnDataAsAnUncachedAttachment()
    {
        using var browser = NewBrowser();
        var hana = await JoinAsync(browser, "Hana");
        var channels = await GiveChannelsAsync(hana, "hana");

        using var response = await browser.GetAsync("/me/data.json", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().StartWith("runaways-my-data-");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(Ct));
        json.RootElement.GetProperty("profile").GetProperty("displayName").GetString().Should().Be("Hana");
        json.RootElement.GetProperty("profile").GetProperty("contact").GetProperty("email").GetString().Should().Be(channels.Email);
        json.RootElement.GetProperty("account").GetProperty("userName").GetString().Should().StartWith("guest-");
    }

    [Fact]
    public async Task PeoplePage_Public_ShowsProfilesButNoChannel()
    {
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var junho = await db.People.Where(p => p.DisplayName == "Junho").Select(p => p.Id).SingleAsync(Ct);
        var sky = await db.People.Where(p => p.DisplayName == "하늘").Select(p => p.Id).SingleAsync(Ct);
        var all = new[] { await GiveChannelsAsync(junho, "junho"), await GiveChannelsAsync(sky, "sky") };
        using var browser = NewBrowser();

        using var response = await browser.GetAsync($"/events/{DemoEvent.Slug}/people", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        html.Should().Contain("data-testid=\"people-list\"").And.Contain("Junho").And.Contain("하늘").And.Contain("ask junho about testing");
        html.ShouldContainNone(all.SelectMany(c => c.Values), "the people page shows public profiles only");
        html.Should().NotContain("data-testid=\"ask-contacts\"", "only members who are signed in can ask");
    }

    [Fact]
    public async Task EventPages_AnonymousOrMember_CarryNoPersonId()
    {
        using var member = NewBrowser();
        await JoinAsync(member, "Hana");
        using var anonymous = NewBrowser();
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var eventId = await db.Events.Where(e => e.Slug == DemoEvent.Slug).Select(e => e.Id).SingleAsync(Ct);
        var personIds = await db.People.Select(p => p.Id).ToListAsync(Ct);
        var cardIds = await db.Cards.Where(c => c.EventId == eventId).Select(c => c.Id).ToListAsync(Ct);
        personIds.Should().HaveCountGreaterThan(3, "the demo event has people, and Hana joined");
        var paths = new[] { "/", $"/events/{DemoEvent.Slug}", $"/events/{DemoEvent.Slug}/cards", $"/events/{DemoEvent.Slug}/people" }
            .Concat(cardIds.Select(id => $"/events/{DemoEvent.Slug}/cards/{id}"))
            .ToList();

        foreach (var (who, browser, extra) in new[] { ("anonymous", anonymous, Array.Empty<string>()), ("member", member, [$"/events/{DemoEvent.Slug}/me"]) })
        {
            foreach (var path in paths.Concat(extra))
            {
                using var response = await browser.GetAsync(path, Ct);
                response.StatusCode.Should().Be(HttpStatusCode.OK, $"{who} reads {path}");
                var html = await response.Content.ReadAsStringAsync(Ct);
                foreach (var id in personIds)
                {
                    // Both spellings a Guid has in HTML or script: with dashes and without.
                    html.Should().NotContainEquivalentOf(id.ToString("D"), $"{path} ({who}) must not name a person by id");
                    html.Should().NotContainEquivalentOf(id.ToString("N"), $"{path} ({who}) must not name a person by id");
                }
            }
        }

        using var people = await member.GetAsync($"/events/{DemoEvent.Slug}/people", Ct);
        (await people.Content.ReadAsStringAsync(Ct)).Should().Contain("Hana").And.Contain("person-row", "the list itself was there to check");
    }

    [Fact]
    public async Task Join_Newcomers_GetRandomUserNamesUnrelatedToTheirIds()
    {
        using var firstBrowser = NewBrowser();
        using var secondBrowser = NewBrowser();
        var first = await JoinAsync(firstBrowser, "Newcomer One");
        var second = await JoinAsync(secondBrowser, "Newcomer Two");

        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var names = await db.Users.Where(u => u.Id == first || u.Id == second).ToDictionaryAsync(u => u.Id, u => u.UserName!, Ct);

        names.Should().HaveCount(2);
        names.Values.Should().OnlyContain(n => Regex.IsMatch(n, "^guest-[a-z2-7]{16}$")).And.OnlyHaveUniqueItems();
        foreach (var (id, name) in names)
        {
            // The old name was "guest-" and the id's last ten hex digits; no piece of the id is in the new one.
            var hex = id.ToString("N");
            Enumerable.Range(0, hex.Length - 5).Select(i => hex.Substring(i, 6)).Should().NotContain(piece => name.Contains(piece, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PeoplePage_UnknownEvent_NotFound()
    {
        using var browser = NewBrowser();

        using var response = await browser.GetAsync("/events/no-such-event/people", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MyPages_SignedIn_Render()
    {
        using var browser = NewBrowser();
        var hana = await JoinAsync(browser, "Hana");
        await GiveChannelsAsync(hana, "hana");

        foreach (var path in new[] { "/me", "/me/contacts", "/me/data", "/me/delete" })
        {
            using var response = await browser.GetAsync(path, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        }

        using var data = await browser.GetAsync("/me/data", Ct);
        (await data.Content.ReadAsStringAsync(Ct)).Should().Contain("href=\"/me/data.json\"");
        using var people = await browser.GetAsync($"/events/{DemoEvent.Slug}/people", Ct);
        (await people.Content.ReadAsStringAsync(Ct)).Should().Contain("data-testid=\"ask-contacts\"", "a signed-in member can ask");
    }

    [Fact]
    public async Task DeletePage_WrongConfirmation_NothingDeleted()
    {
        using var browser = NewBrowser();
        var hana = await JoinAsync(browser, "Hana");

        using var response = await PostDeleteAsync(browser, "Delete", "please");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("data-testid=\"delete-error\"");
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        (await db.People.SingleAsync(p => p.Id == hana, Ct)).IsErased.Should().BeFalse();
        (await db.Users.AnyAsync(u => u.Id == hana, Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task DeletePage_Confirmed_ErasesSignsOutAndGoesHome()
    {
        using var browser = NewBrowser();
        var hana = await JoinAsync(browser, "Hana");
        await GiveChannelsAsync(hana, "hana");

        using var response = await PostDeleteAsync(browser, "Delete", "delete");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        new Uri(browser.BaseAddress!, response.Headers.Location!).AbsolutePath.Should().Be("/");
        response.Headers.GetValues("Clear-Site-Data").Should().Equal(["\"storage\""], "the drafts this browser kept go with the account");
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == hana, Ct);
        person.IsErased.Should().BeTrue();
        person.Contact.Should().Be(ContactDetails.None);
        (await db.Users.AnyAsync(u => u.Id == hana, Ct)).Should().BeFalse();
        using var after = await browser.GetAsync("/me/data.json", Ct);
        after.StatusCode.Should().Be(HttpStatusCode.Redirect, "the cookie was removed");
    }

    private HttpClient NewBrowser() =>
        App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") });

    /// <summary>Joins the demo event by its link as a newcomer and returns the new person's id.</summary>
    private async Task<Guid> JoinAsync(HttpClient browser, string displayName)
    {
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var code = await db.Events.Where(e => e.Slug == DemoEvent.Slug).Select(e => e.JoinCode).SingleAsync(Ct);
        using var joined = await PostFormAsync(browser, $"/join/{code}", "join", new() { ["Input.DisplayName"] = displayName });
        joined.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await db.People.Where(p => p.DisplayName == displayName).Select(p => p.Id).SingleAsync(Ct);
    }

    private static Task<HttpResponseMessage> PostDeleteAsync(HttpClient browser, string cards, string confirm) =>
        PostFormAsync(browser, "/me/delete", "delete-account", new() { ["Input.Cards"] = cards, ["Input.Confirm"] = confirm });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string formName, Dictionary<string, string> fields)
    {
        using var form = await browser.GetAsync(path, Ct);
        var html = await form.Content.ReadAsStringAsync(Ct);
        var token = WebUtility.HtmlDecode(Token().Match(html).Groups["t"].Value);
        token.Should().NotBeEmpty($"{path} has an antiforgery token");
        using var content = new FormUrlEncodedContent(
            fields.Append(new("_handler", formName)).Append(new("__RequestVerificationToken", token)));
        return await browser.PostAsync(path, content, Ct);
    }

    private async Task<TestChannels> GiveChannelsAsync(Guid personId, string tag)
    {
        var profiles = App.Services.GetRequiredService<ProfileService>();
        var channels = TestChannels.For(tag);
        var name = (await profiles.GetMyProfileAsync(personId, Ct))!.DisplayName;
        var saved = await profiles.UpdateAsync(personId, new ProfileInput
        {
            DisplayName = name,
            AskMeAbout = $"ask {tag} about testing",
            Email = channels.Email,
            Phone = channels.Phone,
            Messenger = channels.Messenger,
            LinkedIn = channels.LinkedIn,
        }, Ct);
        saved.Succeeded.Should().BeTrue(saved.Error);
        return channels;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<t>[^\"]+)\"")]
    private static partial Regex Token();
}
