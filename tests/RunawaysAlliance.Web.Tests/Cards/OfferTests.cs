using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// Offers through the card service: "can help" with a note or "curious", one per solver (a second one changes the
/// first), taken back by the solver, never on one's own card or by outsiders. Priya, Tomas and Sara are solvers.
/// </summary>
public abstract class OfferTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OfferAsync_CanHelpWithANote_StoredCountedOnTheBoardAndAnnounced()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var priya = demo.Person("Priya");
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        var recorder = new SnapshotRecorder();
        using var watch = await app.Boards.WatchAsync(DemoEvent.Slug, recorder.OnChange, Ct);
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().OfferAsync(priya, card, OfferKind.CanHelp, "수리 카페를 3년 운영했어요 🔧", Ct);

        result.Should().Be(ServiceResult.Ok);
        (await app.ReadOffersAsync(card)).Should().Equal(new StoredOffer(priya, OfferKind.CanHelp, "수리 카페를 3년 운영했어요 🔧", false));
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Offer, card));
        var board = await recorder.WaitForAsync(b => b.Cards.Any(c => c.Id == card && c.CanHelpCount == 1), CardKit.Patience, Ct);
        board.Cards.Single(c => c.Id == card).Should().BeEquivalentTo(new { CanHelpCount = 1, CuriousCount = 0, CoreSolverCount = 0 });
        (await app.ReadCardAsync(card)).Revision.Should().Be(1, "offers are not the author's changes");
    }

    [Fact]
    public async Task OfferAsync_CuriousWithoutANote_StoredAndCounted()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var tomas = demo.Person("Tomas");
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);

        var result = await app.CardService().OfferAsync(tomas, card, OfferKind.Curious, null, Ct);

        result.Should().Be(ServiceResult.Ok);
        (await app.ReadOffersAsync(card)).Should().Equal(new StoredOffer(tomas, OfferKind.Curious, string.Empty, false));
        (await app.BoardAsync(demo.EventId)).Cards.Single(c => c.Id == card).Should().BeEquivalentTo(new { CanHelpCount = 0, CuriousCount = 1 });
    }

    [Theory]
    [InlineData("can-help without a note", "note", InputProblem.Required, null)]
    [InlineData("note with a newline", "note", InputProblem.NotOneLine, null)]
    [InlineData("141-character note", "note", InputProblem.TooLong, 140)]
    public async Task OfferAsync_InvalidNote_RejectedNamingTheFieldAndNothingStored(string input, string field, InputProblem problem, int? limit)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);
        var note = input switch
        {
            "can-help without a note" => "   ",
            "note with a newline" => "첫 줄\n둘째 줄",
            _ => new string('노', 141),
        };

        var result = await app.CardService().OfferAsync(demo.Person("Priya"), card, OfferKind.CanHelp, note, Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Input.Should().Be(new InputError(field, problem, limit));
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task OfferAsync_SecondOfferBySameSolver_ChangesTheFirstInOneRow()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var priya = demo.Person("Priya");
        var cards = app.CardService();
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        await app.OfferAsync(priya, card, note: "처음 쓴 메모");
        var changes = app.Listen(demo.EventId);

        (await cards.OfferAsync(priya, card, OfferKind.Curious, null, Ct)).Should().Be(ServiceResult.Ok);

        (await app.ReadOffersAsync(card)).Should().Equal(new StoredOffer(priya, OfferKind.Curious, string.Empty, false));
        (await app.BoardAsync(demo.EventId)).Cards.Single(c => c.Id == card).Should().BeEquivalentTo(new { CanHelpCount = 0, CuriousCount = 1 });

        (await cards.OfferAsync(priya, card, OfferKind.CanHelp, "다시 생각해 보니 도울 수 있어요", Ct)).Should().Be(ServiceResult.Ok);

        (await app.ReadOffersAsync(card)).Should().Equal(new StoredOffer(priya, OfferKind.CanHelp, "다시 생각해 보니 도울 수 있어요", false));
        (await app.BoardAsync(demo.EventId)).Cards.Single(c => c.Id == card).Should().BeEquivalentTo(new { CanHelpCount = 1, CuriousCount = 0 });
        changes.Received.Should().Equal(
            new EventChange(demo.EventId, ChangeKind.Offer, card),
            new EventChange(demo.EventId, ChangeKind.Offer, card));
    }

    [Fact]
    public async Task OfferAsync_SameSolverFromTwoTabsAtOnce_OneRowAndNeitherTabSeesAnError()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var priya = demo.Person("Priya");
        var cards = app.CardService();
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);

        var results = await Task.WhenAll(
            Task.Run(() => cards.OfferAsync(priya, card, OfferKind.CanHelp, "탭 1", Ct), Ct),
            Task.Run(() => cards.OfferAsync(priya, card, OfferKind.CanHelp, "탭 2", Ct), Ct));

        results.Should().OnlyContain(r => r.Succeeded);
        (await app.ReadOffersAsync(card)).Should().ContainSingle().Which.Note.Should().BeOneOf("탭 1", "탭 2");
    }

    [Fact]
    public async Task WithdrawOfferAsync_Solver_RemovesTheOfferUpdatesTheCountsAndAnnounces()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        var cards = app.CardService();
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        await app.OfferAsync(priya, card);
        await app.OfferAsync(tomas, card, OfferKind.Curious);
        var changes = app.Listen(demo.EventId);

        var result = await cards.WithdrawOfferAsync(priya, card, Ct);

        result.Should().Be(ServiceResult.Ok);
        (await app.ReadOffersAsync(card)).Should().Equal(new StoredOffer(tomas, OfferKind.Curious, string.Empty, false));
        (await app.BoardAsync(demo.EventId)).Cards.Single(c => c.Id == card).Should().BeEquivalentTo(new { CanHelpCount = 0, CuriousCount = 1 });
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Offer, card));

        var again = await cards.WithdrawOfferAsync(priya, card, Ct);

        again.Failure.Should().Be(ServiceFailure.Rule);
        again.Error.Should().Be(CardMessages.NoOffer);
        changes.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task OfferAsync_OnOwnCard_RejectedAndNothingStored()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().OfferAsync(daniel, card, OfferKind.CanHelp, "제가 도울게요", Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().Be(CardMessages.NotOnOwnCard);
        (await app.ReadOffersAsync(card)).Should().BeEmpty();
        changes.Received.Should().BeEmpty();
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("stranger")]
    [InlineData("other-event")]
    public async Task OfferAsync_NotAMember_ForbiddenAndNothingStored(string who)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var outsider = await app.OutsiderAsync(who);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().OfferAsync(outsider, demo.Card(8), OfferKind.CanHelp, "도울 수 있어요", Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Error.Should().Be(CardService.NotAMember);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task OfferAsync_WithdrawnCard_NotFoundForSolversButTheirOfferCanStillBeTakenBack()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var cards = app.CardService();
        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(priya, card, note: "도울 수 있어요");
        (await cards.WithdrawAsync(daniel, card, ct: Ct)).Should().Be(ServiceResult.Ok);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var newOffer = await cards.OfferAsync(demo.Person("Tomas"), card, OfferKind.Curious, null, Ct);
        var changedOffer = await cards.OfferAsync(priya, card, OfferKind.Curious, null, Ct);
        var onOwn = await cards.OfferAsync(daniel, card, OfferKind.Curious, null, Ct);

        newOffer.Failure.Should().Be(ServiceFailure.NotFound);
        newOffer.Error.Should().Be(CardService.NoSuchCard);
        changedOffer.Failure.Should().Be(ServiceFailure.NotFound);
        onOwn.Failure.Should().Be(ServiceFailure.Rule);
        onOwn.Error.Should().Be(CardMessages.WithdrawnTakesNoOffers);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();

        (await cards.WithdrawOfferAsync(priya, card, Ct)).Should().Be(ServiceResult.Ok, "people can always take their name back");
        (await app.ReadOffersAsync(card)).Should().BeEmpty();
    }
}
