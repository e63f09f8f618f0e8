using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// Withdrawing a card: only its author, only while it has no slot and from the current revision; it leaves the
/// board and every view but its author's, and the withdrawal is announced.
/// </summary>
public abstract class CardWithdrawalTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithdrawAsync_Author_LeavesTheBoardStaysWithItsAuthorAndAnnounces()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var card = await app.PostCardAsync(daniel, demo.EventId, CardKit.Content(title: "거둬들일 카드"));
        await app.OfferAsync(priya, card, note: "도울 수 있어요");
        var recorder = new SnapshotRecorder();
        using var watch = await app.Boards.WatchAsync(DemoEvent.Slug, recorder.OnChange, Ct);
        watch!.Initial.Cards.Should().Contain(c => c.Id == card);
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().WithdrawAsync(daniel, card, 1, Ct);

        result.Should().Be(ServiceResult.Ok);
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Card, card));
        var stored = await app.ReadCardAsync(card);
        stored.Status.Should().Be(CardStatus.Withdrawn);
        stored.Revision.Should().Be(2);
        var board = await recorder.WaitForAsync(b => b.Cards.All(c => c.Id != card), CardKit.Patience, Ct);
        board.Cards.Should().HaveCount(watch.Initial.Cards.Count - 1);
        board.UnplacedCards.Should().NotContain(c => c.Id == card);

        var queries = app.CardQueries();
        var authorView = await queries.GetAsync(daniel, DemoEvent.Slug, card, Ct);
        authorView.Should().NotBeNull();
        authorView!.Card.Status.Should().Be(CardStatus.Withdrawn);
        authorView.Card.Title.Should().Be("거둬들일 카드");
        (await queries.GetAsync(priya, DemoEvent.Slug, card, Ct)).Should().BeNull();
        (await queries.GetAsync(demo.Person("Mina"), DemoEvent.Slug, card, Ct)).Should().BeNull("even organizers do not see a withdrawn card");
        (await queries.GetAsync(null, DemoEvent.Slug, card, Ct)).Should().BeNull();
        var evening = await queries.MyEveningAsync(daniel, DemoEvent.Slug, Ct);
        evening!.Cards.Should().ContainSingle(c => c.Id == card).Which.Status.Should().Be(CardStatus.Withdrawn);
    }

    [Theory]
    [InlineData("Mina")]
    [InlineData("Priya")]
    public async Task WithdrawAsync_NotTheAuthor_ForbiddenAndTheCardStays(string caller)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().WithdrawAsync(demo.Person(caller), card, ct: Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Error.Should().Be(CardService.NotYourCard);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task WithdrawAsync_ScheduledCard_RejectedUntilTheSlotIsGivenBack()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var placed = demo.SessionIn("Hall", 1);
        placed.CardId.Should().Be(demo.Card(0), "Daniel's first card is placed in Hall · Round 1");
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().WithdrawAsync(daniel, demo.Card(0), ct: Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().Be(CardMessages.ScheduledCannotBeWithdrawn);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();

        (await app.Sessions.ReleaseAsync(demo.Person("Junho"), demo.EventId, placed.Id, Ct)).Should().Be(ServiceResult.Ok);
        (await app.CardService().WithdrawAsync(daniel, demo.Card(0), ct: Ct)).Should().Be(ServiceResult.Ok);
        (await app.ReadCardAsync(demo.Card(0))).Status.Should().Be(CardStatus.Withdrawn);
    }

    [Fact]
    public async Task WithdrawAsync_Twice_SecondRejectedAlreadyWithdrawn()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var card = await app.PostCardAsync(daniel, demo.EventId);
        (await app.CardService().WithdrawAsync(daniel, card, ct: Ct)).Should().Be(ServiceResult.Ok);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().WithdrawAsync(daniel, card, ct: Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().Be(CardMessages.AlreadyWithdrawn);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task WithdrawAsync_FromARevisionEditedInAnotherTab_ConflictAndTheCardStays()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var card = await app.PostCardAsync(daniel, demo.EventId);
        (await app.CardService().EditAsync(daniel, card, CardKit.Content(title: "다른 탭에서 고침"), 1, Ct)).Should().Be(ServiceResult.Ok);

        var result = await app.CardService().WithdrawAsync(daniel, card, 1, Ct);

        result.Failure.Should().Be(ServiceFailure.Conflict);
        (await app.ReadCardAsync(card)).Status.Should().Be(CardStatus.Open);
    }
}
