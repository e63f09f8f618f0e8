using System.Globalization;
using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// The per-person posting allowance (<see cref="RateLimits.TryPost"/>) as the card service spends it: posts and offers
/// count together, the eleventh within a minute is refused with when to try again and stores nothing, and refused
/// calls do not use the allowance up. The event lets one person have many open cards here (that limit has its own tests).
/// </summary>
public abstract class CardRateLimitTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostAsync_EleventhPostWithinAMinute_RateLimitedWithWhenToTryAgain()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await app.AllowManyCardsAsync(demo.EventId);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        for (var i = 1; i <= 10; i++)
        {
            (await cards.PostAsync(daniel, demo.EventId, CardKit.Content(title: $"카드 {i}"), Ct)).Succeeded.Should().BeTrue($"post {i} is within the allowance");
        }

        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await cards.PostAsync(daniel, demo.EventId, CardKit.Content(title: "카드 11"), Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.RateLimited);
        result.RetryAfterSeconds.Should().BeGreaterThan(0);
        var seconds = result.RetryAfterSeconds!.Value;
        result.Error.Should().Contain(seconds.ToString(CultureInfo.InvariantCulture)).And.Be(CardService.TooManyMessage(seconds));
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
        (await cards.PostAsync(demo.Person("Priya"), demo.EventId, CardKit.Content(), Ct)).Succeeded.Should().BeTrue("the allowance is per person");
    }

    [Fact]
    public async Task PostAsync_RefusedPostsAndOffers_DoNotUseUpTheAllowance()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await app.AllowManyCardsAsync(demo.EventId);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        for (var i = 0; i < 12; i++)
        {
            (await cards.PostAsync(daniel, demo.EventId, CardKit.Content(title: " "), Ct)).Failure.Should().Be(ServiceFailure.Rule);
            (await cards.OfferAsync(daniel, demo.Card(8), OfferKind.CanHelp, note: null, Ct)).Failure.Should().Be(ServiceFailure.Rule);
            (await cards.OfferAsync(daniel, demo.Card(9), OfferKind.Curious, note: null, Ct)).Failure.Should().Be(ServiceFailure.Rule, "card 9 is Daniel's own");
        }

        for (var i = 1; i <= 10; i++)
        {
            (await cards.PostAsync(daniel, demo.EventId, CardKit.Content(title: $"카드 {i}"), Ct)).Succeeded.Should().BeTrue($"post {i} is within the allowance");
        }

        (await cards.PostAsync(daniel, demo.EventId, CardKit.Content(title: "카드 11"), Ct)).Failure.Should().Be(ServiceFailure.RateLimited);
    }

    [Fact]
    public async Task OfferAsync_PostsAndOffersTogetherPastTheAllowance_EleventhRateLimitedAndNotStored()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await app.AllowManyCardsAsync(demo.EventId);
        var daniel = demo.Person("Daniel");
        for (var i = 1; i <= 5; i++)
        {
            await app.PostCardAsync(daniel, demo.EventId, CardKit.Content(title: $"카드 {i}"));
        }

        // Cards 1-5 are by other people; card 5 already has Daniel's offer, changing it counts too.
        for (var i = 1; i <= 5; i++)
        {
            await app.OfferAsync(daniel, demo.Card(i), OfferKind.Curious);
        }

        var before = await app.ReadCardsAsync();

        var result = await app.CardService().OfferAsync(daniel, demo.Card(6), OfferKind.Curious, null, Ct);

        result.Failure.Should().Be(ServiceFailure.RateLimited);
        result.RetryAfterSeconds.Should().BeGreaterThan(0);
        (await app.ReadCardsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task SaveDraftAsync_SavingInALoop_IsPutOffWithWhenToTryAgainAndKeepsTheLastSavedText()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        ServiceResult? refused = null;
        string? lastSaved = null;

        // Far faster than a person's pauses (two a second): the allowance runs out after its burst of 60.
        for (var i = 1; i <= 200 && refused is null; i++)
        {
            var input = new CardDraftInput($"초안 {i}", $"저장 {i}", null, CardKind.NonCommercial, null, "ko");
            var result = await cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, input, 0, Ct);
            if (result.Succeeded)
            {
                lastSaved = input.Problem;
            }
            else
            {
                refused = result;
            }
        }

        refused.Should().NotBeNull("a loop of saves is not typing");
        refused!.Failure.Should().Be(ServiceFailure.RateLimited);
        refused.RetryAfterSeconds.Should().BeGreaterThan(0);
        lastSaved.Should().NotBeNull();
        (await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct))!.Input.Problem.Should().Be(lastSaved, "a refused save changes nothing");
        (await cards.SaveDraftAsync(demo.Person("Priya"), demo.EventId, Guid.Empty, new CardDraftInput("P", "P", null, CardKind.NonCommercial, null, "en"), 0, Ct))
            .Succeeded.Should().BeTrue("the allowance is per person");
        (await cards.PostAsync(daniel, demo.EventId, CardKit.Content(), Ct)).Succeeded.Should().BeTrue("draft saves do not use up the posting allowance");
    }
}
