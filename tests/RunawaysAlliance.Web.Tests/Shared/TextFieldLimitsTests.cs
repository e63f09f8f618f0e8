using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Accounts;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Accounts;

namespace RunawaysAlliance.Web.Tests.Shared;

/// <summary>
/// Every text field the pages render carries a maxlength, and the ones the domain limits carry the domain's limit in
/// UTF-16 units (<see cref="InputLimits.Units"/>): bounded messages to the server, and nothing the domain accepts refused.
/// </summary>
public sealed class TextFieldLimitsTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>
{
    private static readonly HashSet<string> TextTypes = ["text", "search", "email", "tel", "url", "password"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInPage_Fields_HaveTheAccountLimits()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        using var browser = new AccountBrowser(factory);

        var page = await LoadAsync(browser, "/account/sign-in");

        MaxLength(page, "#user-name").Should().Be(InputLimits.UserName);
        MaxLength(page, "#password").Should().Be(PasswordRules.MaxLength);
    }

    [Fact]
    public async Task MemberPages_EveryTextField_HasTheDomainLimitInUnits()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        using var browser = new AccountBrowser(factory);
        await using var db = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var demo = await db.Events.AsNoTracking().SingleAsync(e => e.Slug == DemoEvent.Slug, Ct);
        var someoneElsesCard = await db.Cards.AsNoTracking().Where(c => c.EventId == demo.Id).Select(c => c.Id).FirstAsync(Ct);

        var join = await LoadAsync(browser, $"/join/{demo.JoinCode}");
        MaxLength(join, "#display-name").Should().Be(InputLimits.Units(Person.DisplayNameMaxLength));
        var joined = await browser.SubmitAsync(join, "[data-testid=join-form]", new Dictionary<string, string> { ["Input.DisplayName"] = $"Limits {Guid.NewGuid():N}"[..20] });
        joined.Response.StatusCode.Should().Be(HttpStatusCode.Redirect, "joining signs the newcomer in");

        var form = await LoadAsync(browser, $"/events/{DemoEvent.Slug}/cards/new");
        MaxLength(form, "[data-testid=card-title]").Should().Be(InputLimits.Units(ProblemCard.TitleMaxLength));
        MaxLength(form, "[data-testid=card-problem]").Should().Be(InputLimits.Units(ProblemCard.ProblemMaxLength));
        MaxLength(form, "[data-testid=card-help]").Should().Be(InputLimits.Units(ProblemCard.HelpWantedMaxLength));
        MaxLength(form, "[data-testid=card-tags]").Should().Be(InputLimits.Units(ProblemCard.TagsTextMaxLength));

        var list = await LoadAsync(browser, $"/events/{DemoEvent.Slug}/cards");
        MaxLength(list, "#card-search").Should().Be(SearchQuery.MaxQueryLength);

        var card = await LoadAsync(browser, $"/events/{DemoEvent.Slug}/cards/{someoneElsesCard}");
        MaxLength(card, "[data-testid=offer-note]").Should().Be(InputLimits.Units(Offer.NoteMaxLength));

        var profile = await LoadAsync(browser, "/me");
        TextFields(profile.Page).Select(f => int.Parse(f.GetAttribute("maxlength")!, CultureInfo.InvariantCulture)).Should().BeEquivalentTo(
        [
            InputLimits.Units(Person.DisplayNameMaxLength), InputLimits.Units(Person.AskMeAboutMaxLength),
            InputLimits.Units(ContactDetails.EmailMaxLength), InputLimits.Units(ContactDetails.PhoneMaxLength),
            InputLimits.Units(ContactDetails.MessengerMaxLength), InputLimits.Units(ContactDetails.LinkedInMaxLength),
        ]);

        await LoadAsync(browser, "/me/delete");
    }

    /// <summary>Loads a page and checks the rule for all of its text fields: each has a positive maxlength.</summary>
    private static async Task<Loaded> LoadAsync(AccountBrowser browser, string path)
    {
        var loaded = await browser.GetAsync(path);
        loaded.Response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        var fields = TextFields(loaded.Page).ToList();
        fields.Should().NotBeEmpty($"{path} has text fields");
        foreach (var field in fields)
        {
            var maxLength = field.GetAttribute("maxlength");
            int.TryParse(maxLength, NumberStyles.None, CultureInfo.InvariantCulture, out var units).Should().BeTrue($"{path}: {field.OuterHtml[..Math.Min(160, field.OuterHtml.Length)]} needs a maxlength");
            units.Should().BePositive();
        }

        return loaded;
    }

    // What a person types into: text-like inputs and text areas, not hidden or read-only ones.
    private static IEnumerable<IElement> TextFields(IDocument page) =>
        page.QuerySelectorAll("input, textarea").Where(e =>
            !e.HasAttribute("readonly") && !e.HasAttribute("hidden") &&
            (e.LocalName == "textarea" || TextTypes.Contains(e.GetAttribute("type") ?? "text")));

    private static int MaxLength(Loaded loaded, string selector)
    {
        var field = loaded.Page.QuerySelector(selector);
        field.Should().NotBeNull(selector);
        return int.Parse(field!.GetAttribute("maxlength") ?? "0", CultureInfo.InvariantCulture);
    }
}
