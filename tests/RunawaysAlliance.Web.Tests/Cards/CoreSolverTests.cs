using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// The author picks core solvers among the "can help" offers: at most six, however many picks race, every loser
/// told why; unmarking or an offer changed to "curious" frees the seat.
/// </summary>
public abstract class CoreSolverTests(IDemoFixture fixture)
{
    private static readonly string[] SevenSolverNames = ["Priya", "Tomas", "Sara", "하늘", "민준", "Hyunwoo", "도윤"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetCoreSolverAsync_AuthorPicksACanHelpSolver_MarkedCountedAndAnnounced()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(priya, card, note: "도울 수 있어요");
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().SetCoreSolverAsync(daniel, card, priya, true, Ct);

        result.Should().Be(ServiceResult.Ok);
        (await app.ReadOffersAsync(card)).Should().Equal(new StoredOffer(priya, OfferKind.CanHelp, "도울 수 있어요", true));
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Offer, card));
        (await app.BoardAsync(demo.EventId)).Cards.Single(c => c.Id == card).CoreSolverCount.Should().Be(1);
        var seen = await app.CardQueries().GetAsync(priya, DemoEvent.Slug, card, Ct);
        seen!.MyOffer.Should().NotBeNull();
        seen.MyOffer!.IsCoreSolver.Should().BeTrue();
        var evening = await app.CardQueries().MyEveningAsync(priya, DemoEvent.Slug, Ct);
        evening!.Offers.Should().ContainSingle(o => o.CardId == card).Which.IsCoreSolver.Should().BeTrue();
        (await app.CardQueries().MyEveningAsync(daniel, DemoEvent.Slug, Ct))!.Cards.Single(c => c.Id == card).CoreSolverCount.Should().Be(1);
    }

    [Theory]
    [InlineData("Mina")]
    [InlineData("Junho")]
    [InlineData("Priya")]
    public async Task SetCoreSolverAsync_NotTheAuthor_ForbiddenAndNothingChanges(string caller)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var priya = demo.Person("Priya");
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        await app.OfferAsync(priya, card);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().SetCoreSolverAsync(demo.Person(caller), card, priya, true, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Error.Should().Be(CardMessages.OnlyAuthorPicks);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task SetCoreSolverAsync_CuriousSolverOrNoOffer_Rejected()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, tomas) = (demo.Person("Daniel"), demo.Person("Tomas"));
        var cards = app.CardService();
        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(tomas, card, OfferKind.Curious);
        var before = await app.ReadCardsAsync();

        var curious = await cards.SetCoreSolverAsync(daniel, card, tomas, true, Ct);
        var noOffer = await cards.SetCoreSolverAsync(daniel, card, demo.Person("Sara"), true, Ct);

        curious.Failure.Should().Be(ServiceFailure.Rule);
        curious.Error.Should().Be(CardMessages.CoreNeedsCanHelp);
        noOffer.Failure.Should().Be(ServiceFailure.Rule);
        noOffer.Error.Should().Be(CardMessages.NoSuchOffer);
        (await app.ReadCardsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task SetCoreSolverAsync_SeventhCoreSolver_RejectedAndTheSixKept()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        var (card, solvers) = await CardWithSevenOffersAsync(app, demo, daniel);

        await PickAsync(cards, daniel, card, solvers.Take(ProblemCard.MaxCoreSolvers));

        var changes = app.Listen(demo.EventId);

        var result = await cards.SetCoreSolverAsync(daniel, card, solvers[6], true, Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().Be(CardMessages.TooManyCoreSolvers);
        (await app.ReadOffersAsync(card)).Where(o => o.IsCoreSolver).Select(o => o.SolverId).Should().BeEquivalentTo(solvers.Take(6));
        changes.Received.Should().BeEmpty();
        (await cards.SetCoreSolverAsync(daniel, card, solvers[0], true, Ct)).Should().Be(ServiceResult.Ok, "marking a core solver again changes nothing");
    }

    [Fact]
    public async Task SetCoreSolverAsync_SevenPicksAtOnce_NeverMoreThanSixAndEveryLoserToldWhy()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        var (card, solvers) = await CardWithSevenOffersAsync(app, demo, daniel);

        var results = await Task.WhenAll(solvers.Select(solver =>
            Task.Run(() => cards.SetCoreSolverAsync(daniel, card, solver, true, Ct), Ct)));

        var core = (await app.ReadOffersAsync(card)).Count(o => o.IsCoreSolver);
        core.Should().BeInRange(1, ProblemCard.MaxCoreSolvers);
        results.Count(r => r.Succeeded).Should().Be(core, "every success is a stored pick");
        results.Where(r => !r.Succeeded).Should().OnlyContain(r =>
            (r.Failure == ServiceFailure.Rule || r.Failure == ServiceFailure.Conflict) && !string.IsNullOrWhiteSpace(r.Error));
    }

    [Fact]
    public async Task SetCoreSolverAsync_Unmark_NoLongerACoreSolverAndTheSeatIsFreeAgain()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        var (card, solvers) = await CardWithSevenOffersAsync(app, demo, daniel);

        await PickAsync(cards, daniel, card, solvers.Take(ProblemCard.MaxCoreSolvers));

        var changes = app.Listen(demo.EventId);

        var result = await cards.SetCoreSolverAsync(daniel, card, solvers[0], false, Ct);

        result.Should().Be(ServiceResult.Ok);
        (await app.ReadOffersAsync(card)).Single(o => o.SolverId == solvers[0]).IsCoreSolver.Should().BeFalse();
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Offer, card));
        (await app.CardQueries().GetAsync(solvers[0], DemoEvent.Slug, card, Ct))!.MyOffer!.IsCoreSolver.Should().BeFalse();
        (await cards.SetCoreSolverAsync(daniel, card, solvers[6], true, Ct)).Should().Be(ServiceResult.Ok, "the seat given back can be offered to someone else");
    }

    [Fact]
    public async Task OfferAsync_CoreSolverChangesToCurious_NoLongerACoreSolver()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(priya, card);
        (await app.CardService().SetCoreSolverAsync(daniel, card, priya, true, Ct)).Should().Be(ServiceResult.Ok);

        await app.OfferAsync(priya, card, OfferKind.Curious);

        (await app.ReadOffersAsync(card)).Should().Equal(new StoredOffer(priya, OfferKind.Curious, string.Empty, false));
    }

    // A card by the author with an "I can help" offer from each of seven solvers: one more than a table holds.
    private static async Task<(Guid Card, Guid[] Solvers)> CardWithSevenOffersAsync(TestApp app, DemoEventData demo, Guid author)
    {
        var card = await app.PostCardAsync(author, demo.EventId);
        var solvers = SevenSolvers(demo);
        foreach (var solver in solvers)
        {
            await app.OfferAsync(solver, card);
        }

        return (card, solvers);
    }

    private static async Task PickAsync(CardService cards, Guid author, Guid card, IEnumerable<Guid> solvers)
    {
        foreach (var solver in solvers)
        {
            (await cards.SetCoreSolverAsync(author, card, solver, true, Ct)).Should().Be(ServiceResult.Ok);
        }
    }

    /// <summary>Seven members other than Daniel who can all offer help.</summary>
    private static Guid[] SevenSolvers(DemoEventData demo) => [.. SevenSolverNames.Select(demo.Person)];
}
