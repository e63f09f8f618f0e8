using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// What the event's phase lets people do with cards: in Setup only organizers post (to seed the marketplace); once
/// Archived nothing changes any more, except that a solver can still take their offer back.
/// </summary>
public abstract class EventPhaseTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Mina")]
    [InlineData("Daniel")]
    public async Task PostAsync_ArchivedEvent_RejectedAndNothingStored(string caller)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await app.AdvanceAsync(demo.EventId, EventPhase.Archived);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().PostAsync(demo.Person(caller), demo.EventId, CardKit.Content(), Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().Be(CardMessages.EventArchived);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task EveryChange_ArchivedEvent_RejectedAndNothingStored()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, tomas) = (demo.Person("Daniel"), demo.Person("Tomas"));
        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(tomas, card);
        await app.AdvanceAsync(demo.EventId, EventPhase.Archived);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);
        var cards = app.CardService();

        ServiceResult[] results =
        [
            await cards.EditAsync(daniel, card, CardKit.Content(title: "고친 제목"), 1, Ct),
            await cards.OfferAsync(demo.Person("Priya"), card, OfferKind.Curious, null, Ct),
            await cards.SetCoreSolverAsync(daniel, card, tomas, true, Ct),
            await cards.WithdrawAsync(daniel, card, ct: Ct),
        ];

        results.Should().OnlyContain(r => r.Failure == ServiceFailure.Rule && r.Error == CardMessages.EventArchived);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task WithdrawOfferAsync_ArchivedEvent_TheSolverCanStillTakeTheirNameBack()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, tomas) = (demo.Person("Daniel"), demo.Person("Tomas"));
        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(tomas, card);
        await app.AdvanceAsync(demo.EventId, EventPhase.Archived);

        var result = await app.CardService().WithdrawOfferAsync(tomas, card, Ct);

        result.Should().Be(ServiceResult.Ok);
        (await app.ReadOffersAsync(card)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Daniel")]
    [InlineData("Junho")]
    public async Task PostAsync_SetupPhaseNotAnOrganizer_RejectedMarketplaceNotOpen(string caller)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var setup = await app.AddEventAsync("cards-in-setup",
            (demo.Person("Mina"), EventRole.Organizer), (demo.Person("Junho"), EventRole.Moderator), (demo.Person("Daniel"), EventRole.Attendee));
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(setup);

        var result = await app.CardService().PostAsync(demo.Person(caller), setup, CardKit.Content(), Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().Be(CardMessages.MarketplaceNotOpen);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task PostAsync_SetupPhaseOrganizer_SeedsACardAndAttendeesPostOnceTheMarketplaceOpens()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (mina, daniel) = (demo.Person("Mina"), demo.Person("Daniel"));
        var setup = await app.AddEventAsync("cards-in-setup", (mina, EventRole.Organizer), (daniel, EventRole.Attendee));

        var seeded = await app.PostCardAsync(mina, setup, CardKit.Content(title: "첫 번째 카드"));

        (await app.BoardAsync(setup)).Cards.Should().ContainSingle().Which.Id.Should().Be(seeded);
        (await app.CardService().PostAsync(daniel, setup, CardKit.Content(), Ct)).Error.Should().Be(CardMessages.MarketplaceNotOpen);
        await app.AdvanceAsync(setup, EventPhase.Marketplace);
        var posted = await app.PostCardAsync(daniel, setup);
        (await app.BoardAsync(setup)).Cards.Select(c => c.Id).Should().BeEquivalentTo([seeded, posted]);
        (await app.BoardAsync(demo.EventId)).Cards.Should().NotContain(c => c.Id == seeded || c.Id == posted, "cards belong to their own event");
    }
}
