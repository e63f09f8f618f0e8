using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// Editing a card through the card service: only its author, from the revision the form started from; a second tab
/// saving from a replaced revision gets a conflict, offers arriving meanwhile do not, and a refusal changes nothing.
/// </summary>
public abstract class CardEditTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditAsync_AuthorFromTheCurrentRevision_SavesTheNextRevisionRemovesTheEditDraftAndAnnounces()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var typed = new CardDraftInput("고친 제목 ✏️", "더 자세한 문제", string.Empty, CardKind.Commercial, "#수리", "ko");
        (await cards.SaveDraftAsync(daniel, demo.EventId, card, typed, 1, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, typed, 0, Ct)).Should().Be(ServiceResult.Ok);
        var changes = app.Listen(demo.EventId);
        var edited = CardKit.Content(title: "고친 제목 ✏️", problem: "더 자세한 문제 <b>굵게</b>", tags: ["수리", "#Repair Cafe"], kind: CardKind.Commercial);

        var result = await cards.EditAsync(daniel, card, edited, 1, Ct);

        result.Should().Be(ServiceResult.Ok);
        (await app.ReadCardAsync(card)).Should().BeEquivalentTo(new
        {
            edited.Title,
            edited.Problem,
            Kind = CardKind.Commercial,
            Tags = "수리|repair-cafe",
            Revision = 2,
            Status = CardStatus.Open,
        });
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Card, card));
        (await cards.GetDraftAsync(daniel, demo.EventId, card, Ct)).Should().BeNull();
        (await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct)).Should().NotBeNull("editing a card keeps the draft of a new one");
        (await app.BoardAsync(demo.EventId)).Cards.Should().ContainSingle(c => c.Id == card).Which.Title.Should().Be(edited.Title);
    }

    [Theory]
    [InlineData("Mina")]
    [InlineData("Junho")]
    [InlineData("Priya")]
    public async Task EditAsync_AnotherMember_ForbiddenAndTheCardUnchanged(string caller)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().EditAsync(demo.Person(caller), card, CardKit.Content(title: "남의 카드"), 1, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Error.Should().Be(CardService.NotYourCard);
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("stranger")]
    [InlineData("other-event")]
    public async Task EditAsync_NotAMember_ForbiddenAndTheCardUnchanged(string who)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var outsider = await app.OutsiderAsync(who);
        var before = await app.ReadCardsAsync();

        var result = await app.CardService().EditAsync(outsider, demo.Card(9), CardKit.Content(), 1, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        (await app.ReadCardsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task EditAsync_UnknownCard_NotFound()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var result = await app.CardService().EditAsync(demo.Person("Daniel"), Guid.NewGuid(), CardKit.Content(), 1, Ct);

        result.Failure.Should().Be(ServiceFailure.NotFound);
        result.Error.Should().Be(CardService.NoSuchCard);
    }

    [Fact]
    public async Task EditAsync_InvalidContent_RejectedNamingTheFieldAndTheCardUnchanged()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var before = await app.ReadCardsAsync();

        var result = await app.CardService().EditAsync(daniel, card, CardKit.Content(title: new string('가', 121)), 1, Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Input.Should().Be(new InputError("title", InputProblem.TooLong, 120));
        (await app.ReadCardsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task EditAsync_SecondTabSavesFromTheRevisionTheFirstTabReplaced_ConflictAndTheFirstTabsTextKept()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var tab1 = await app.CardQueries().GetAsync(daniel, DemoEvent.Slug, card, Ct);
        var tab2 = await app.CardQueries().GetAsync(daniel, DemoEvent.Slug, card, Ct);
        tab1!.Card.Revision.Should().Be(tab2!.Card.Revision);
        (await cards.EditAsync(daniel, card, tab1.Content with { Title = "첫 번째 탭의 제목" }, tab1.Card.Revision, Ct)).Should().Be(ServiceResult.Ok);
        var changes = app.Listen(demo.EventId);

        var result = await cards.EditAsync(daniel, card, tab2.Content with { Title = "두 번째 탭의 제목" }, tab2.Card.Revision, Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.Conflict);
        result.Error.Should().Be(CardMessages.EditedElsewhere);
        var stored = await app.ReadCardAsync(card);
        stored.Title.Should().Be("첫 번째 탭의 제목");
        stored.Revision.Should().Be(tab1.Card.Revision + 1);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task EditAsync_OfferArrivesBetweenLoadAndSave_NoConflict()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var loaded = await app.CardQueries().GetAsync(daniel, DemoEvent.Slug, card, Ct);
        await app.OfferAsync(demo.Person("Priya"), card);
        await app.OfferAsync(demo.Person("Tomas"), card, OfferKind.Curious);

        var result = await app.CardService().EditAsync(daniel, card, loaded!.Content with { Title = "제목을 고쳤어요" }, loaded.Card.Revision, Ct);

        result.Should().Be(ServiceResult.Ok);
        var stored = await app.ReadCardAsync(card);
        stored.Title.Should().Be("제목을 고쳤어요");
        stored.Revision.Should().Be(loaded.Card.Revision + 1);
        (await app.ReadOffersAsync(card)).Should().HaveCount(2, "the edit keeps the offers that arrived");
    }

    [Fact]
    public async Task EditAsync_TenTabsSaveFromTheSameRevisionAtOnce_ExactlyOneSucceedsTheOthersConflict()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var changes = app.Listen(demo.EventId);
        var cards = app.CardService();

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(tab =>
            Task.Run(() => cards.EditAsync(daniel, card, CardKit.Content(title: $"탭 {tab}의 제목"), 1, Ct), Ct)));

        results.Should().ContainSingle(r => r.Succeeded);
        results.Where(r => !r.Succeeded).Should().HaveCount(9)
            .And.OnlyContain(r => r.Failure == ServiceFailure.Conflict && r.Error == CardMessages.EditedElsewhere);
        var winner = Array.FindIndex(results, r => r.Succeeded) + 1;
        var stored = await app.ReadCardAsync(card);
        stored.Title.Should().Be($"탭 {winner}의 제목");
        stored.Revision.Should().Be(2);
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Card, card));
    }

    [Fact]
    public async Task EditAsync_WithdrawnCard_AuthorRejectedOthersNotFound()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        var card = await app.PostCardAsync(daniel, demo.EventId);
        (await cards.WithdrawAsync(daniel, card, ct: Ct)).Should().Be(ServiceResult.Ok);
        var before = await app.ReadCardsAsync();

        var byAuthor = await cards.EditAsync(daniel, card, CardKit.Content(title: "다시 고침"), 2, Ct);
        var byOther = await cards.EditAsync(demo.Person("Priya"), card, CardKit.Content(title: "다시 고침"), 2, Ct);

        byAuthor.Failure.Should().Be(ServiceFailure.Rule);
        byAuthor.Error.Should().Be(CardMessages.WithdrawnCannotBeEdited);
        byOther.Failure.Should().Be(ServiceFailure.NotFound);
        (await app.ReadCardsAsync()).Should().Equal(before);
    }
}
