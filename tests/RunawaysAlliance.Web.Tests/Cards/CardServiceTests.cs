using System.Globalization;
using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// Posting, editing and withdrawing cards, offers, core solvers and drafts through the service the pages call, on
/// the demo event in a real database: the service authorizes every call itself, and a refusal stores nothing and
/// announces nothing. Daniel (an attendee) is the usual author; Priya, Tomas and Sara are solvers.
/// </summary>
public abstract class CardServiceTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- Posting ----

    [Fact]
    public async Task PostAsync_Member_StoresTheCardAsTypedPutsItOnTheBoardAndAnnouncesIt()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var recorder = new SnapshotRecorder();
        using var watch = await app.Boards.WatchAsync(DemoEvent.Slug, recorder.OnChange, Ct);
        var changes = app.Listen(demo.EventId);
        var content = CardKit.Content(
            title: "우리 동네 수리 카페 🛠️ <script>alert(1)</script>",
            problem: "재료비가 부족해요 😅\n<script>alert('x')</script>\n함께 고민해 주세요 👩‍👩‍👧‍👦",
            tags: ["#수리 카페", "Community"]);

        var result = await app.CardService().PostAsync(demo.Person("Daniel"), demo.EventId, content, Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        result.CreatedId.Should().NotBeNull();
        var id = result.CreatedId!.Value;
        (await app.ReadCardAsync(id)).Should().BeEquivalentTo(new
        {
            EventId = demo.EventId,
            AuthorId = demo.Person("Daniel"),
            content.Title,
            content.Problem,
            content.HelpWanted,
            Tags = "수리-카페|community",
            Language = "ko",
            Status = CardStatus.Open,
            Revision = 1,
            Offers = string.Empty,
        });
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Card, id));
        var board = await recorder.WaitForAsync(b => b.Cards.Any(c => c.Id == id), CardKit.Patience, Ct);
        board.Cards.Should().HaveCount(watch!.Initial.Cards.Count + 1);
        var tile = board.UnplacedCards.Should().ContainSingle(c => c.Id == id).Subject;
        tile.Title.Should().Be(content.Title);
        tile.Excerpt.Should().Be("재료비가 부족해요 😅 <script>alert('x')</script> 함께 고민해 주세요 👩‍👩‍👧‍👦");
        tile.AuthorName.Should().Be("Daniel");
        tile.Tags.Should().Equal("수리-카페", "community");
        tile.OfferCount.Should().Be(0);
        tile.Slot.Should().BeNull();
    }

    [Fact]
    public async Task PostAsync_WithADraftOfTheNewCard_RemovesThatDraftOnly()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var cards = app.CardService();
        var typed = new CardDraftInput("수리 카페", "반쯤 쓴 문제", string.Empty, CardKind.NonCommercial, "#수리", "ko");
        (await cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, typed, 0, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.SaveDraftAsync(daniel, demo.EventId, demo.Card(9), typed, 1, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.SaveDraftAsync(priya, demo.EventId, Guid.Empty, typed, 0, Ct)).Should().Be(ServiceResult.Ok);

        await app.PostCardAsync(daniel, demo.EventId);

        (await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct)).Should().BeNull();
        (await cards.GetDraftAsync(daniel, demo.EventId, demo.Card(9), Ct)).Should().NotBeNull("posting a new card keeps the draft of an edit");
        (await cards.GetDraftAsync(priya, demo.EventId, Guid.Empty, Ct)).Should().NotBeNull("posting removes the caller's draft, nobody else's");
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("stranger")]
    [InlineData("other-event")]
    public async Task PostAsync_NotAMember_ForbiddenNothingStoredNothingAnnounced(string who)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var outsider = await app.OutsiderAsync(who);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().PostAsync(outsider, demo.EventId, CardKit.Content(), Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Error.Should().Be(CardService.NotAMember);
        result.CreatedId.Should().BeNull();
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task PostAsync_UnknownEvent_NotFoundAndNothingStored()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var before = await app.ReadCardsAsync();

        var result = await app.CardService().PostAsync(demo.Person("Daniel"), Guid.NewGuid(), CardKit.Content(), Ct);

        result.Failure.Should().Be(ServiceFailure.NotFound);
        result.Error.Should().Be(CardService.NoSuchEvent);
        (await app.ReadCardsAsync()).Should().Equal(before);
    }

    [Theory]
    [InlineData("empty title", "title", InputProblem.Required, null)]
    [InlineData("blank title", "title", InputProblem.Required, null)]
    [InlineData("121-character title", "title", InputProblem.TooLong, 120)]
    [InlineData("title with a newline", "title", InputProblem.NotOneLine, null)]
    [InlineData("empty problem", "problem", InputProblem.Required, null)]
    [InlineData("2,001-character problem", "problem", InputProblem.TooLong, 2000)]
    [InlineData("9 tags", "tags", InputProblem.TooMany, 8)]
    [InlineData("31-character tag", "tags", InputProblem.TooLong, 30)]
    [InlineData("no language", "language", InputProblem.Invalid, null)]
    public async Task PostAsync_InvalidInput_RejectedNamingTheFieldAndNothingStored(string input, string field, InputProblem problem, int? limit)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var before = await app.ReadCardsAsync();
        var changes = app.Listen(demo.EventId);

        var result = await app.CardService().PostAsync(demo.Person("Daniel"), demo.EventId, Invalid(input), Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Input.Should().Be(new InputError(field, problem, limit));
        result.Error.Should().NotBeNullOrWhiteSpace();
        result.CreatedId.Should().BeNull();
        (await app.ReadCardsAsync()).Should().Equal(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task PostAsync_AtEveryLimit_AcceptedAndStoredAsTyped()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        // 120 characters a person sees, one of them a family emoji of 11 UTF-16 units.
        var title = new string('가', 119) + "👩‍👩‍👧‍👦";
        var content = CardKit.Content(
            title: title,
            problem: new string('문', 2000),
            tags: [.. Enumerable.Range(1, 8).Select(i => $"태그{i}")],
            helpWanted: new string('h', 500));

        var id = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId, content);

        var stored = await app.ReadCardAsync(id);
        stored.Title.Should().Be(title);
        stored.Problem.Should().HaveLength(2000);
        stored.Tags.Split('|').Should().HaveCount(8);
    }

    [Fact]
    public async Task PostAsync_EleventhPostWithinAMinute_RateLimitedWithWhenToTryAgain()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
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

    // ---- Editing ----

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
        tab1!.Revision.Should().Be(tab2!.Revision);
        (await cards.EditAsync(daniel, card, tab1.Content with { Title = "첫 번째 탭의 제목" }, tab1.Revision, Ct)).Should().Be(ServiceResult.Ok);
        var changes = app.Listen(demo.EventId);

        var result = await cards.EditAsync(daniel, card, tab2.Content with { Title = "두 번째 탭의 제목" }, tab2.Revision, Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.Conflict);
        result.Error.Should().Be(CardMessages.EditedElsewhere);
        var stored = await app.ReadCardAsync(card);
        stored.Title.Should().Be("첫 번째 탭의 제목");
        stored.Revision.Should().Be(tab1.Revision + 1);
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

        var result = await app.CardService().EditAsync(daniel, card, loaded!.Content with { Title = "제목을 고쳤어요" }, loaded.Revision, Ct);

        result.Should().Be(ServiceResult.Ok);
        var stored = await app.ReadCardAsync(card);
        stored.Title.Should().Be("제목을 고쳤어요");
        stored.Revision.Should().Be(loaded.Revision + 1);
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

    // ---- Withdrawing ----

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
        authorView!.Status.Should().Be(CardStatus.Withdrawn);
        authorView.Title.Should().Be("거둬들일 카드");
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

    // ---- Offers ----

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

    // ---- Core solvers ----

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

    // ---- Drafts ----

    [Fact]
    public async Task SaveDraftAsync_NewCard_GetDraftAsyncReturnsExactlyWhatWasTyped()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        // Half-typed: spaces at both ends, blank lines, CRLF, an emoji sequence, a title over the card's limit.
        var typed = new CardDraftInput(
            "  제목을 쓰는 중 🙂  " + new string('가', 130),
            "첫 줄\n\n  둘째 줄 👩‍👩‍👧‍👦 \r\n<script>x</script>",
            " ",
            CardKind.Commercial,
            "#카페  #community  ",
            "ko");
        var before = DateTimeOffset.UtcNow;

        var result = await cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, typed, 0, Ct);

        result.Should().Be(ServiceResult.Ok);
        var draft = await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct);
        draft.Should().NotBeNull();
        draft!.Input.Should().Be(typed);
        draft.BaseRevision.Should().Be(0);
        draft.UpdatedAt.Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(1));

        var retyped = typed with { Title = "고친 제목", Kind = CardKind.NonCommercial };
        (await cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, retyped, 0, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct))!.Input.Should().Be(retyped);
        (await app.ReadDraftsAsync()).Should().ContainSingle("saving again updates the one draft");
    }

    [Fact]
    public async Task SaveDraftAsync_EditOfOwnCard_KeepsTheRevisionTheEditBeganFrom()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var typed = new CardDraftInput("고치는 중", "문제", "도움", CardKind.NonCommercial, "수리", "ko");

        (await cards.SaveDraftAsync(daniel, demo.EventId, card, typed, 1, Ct)).Should().Be(ServiceResult.Ok);

        var draft = await cards.GetDraftAsync(daniel, demo.EventId, card, Ct);
        draft!.Input.Should().Be(typed);
        draft.BaseRevision.Should().Be(1);
        (await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct)).Should().BeNull("an edit's draft is not a new card's draft");
    }

    [Fact]
    public async Task GetDraftAsync_AnotherPersonsDraft_NeverReturned()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var cards = app.CardService();
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var danielsNew = new CardDraftInput("다니엘의 새 카드", "비밀 초안", string.Empty, CardKind.NonCommercial, string.Empty, "ko");
        var danielsEdit = new CardDraftInput("다니엘의 수정", "비밀 수정", string.Empty, CardKind.NonCommercial, string.Empty, "ko");
        (await cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, danielsNew, 0, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.SaveDraftAsync(daniel, demo.EventId, card, danielsEdit, 1, Ct)).Should().Be(ServiceResult.Ok);

        (await cards.GetDraftAsync(priya, demo.EventId, Guid.Empty, Ct)).Should().BeNull();
        (await cards.GetDraftAsync(priya, demo.EventId, card, Ct)).Should().BeNull();
        (await cards.GetDraftAsync(Guid.NewGuid(), demo.EventId, card, Ct)).Should().BeNull();

        var priyasNew = new CardDraftInput("프리야의 새 카드", "다른 초안", string.Empty, CardKind.NonCommercial, string.Empty, "en");
        (await cards.SaveDraftAsync(priya, demo.EventId, Guid.Empty, priyasNew, 0, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.GetDraftAsync(priya, demo.EventId, Guid.Empty, Ct))!.Input.Should().Be(priyasNew);
        (await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct))!.Input.Should().Be(danielsNew, "Priya's draft is hers alone");
    }

    [Fact]
    public async Task SaveDraftAsync_ForSomeoneElsesCard_ForbiddenAndNoDraft()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var priya = demo.Person("Priya");
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        var typed = new CardDraftInput("남의 카드 수정", "문제", string.Empty, CardKind.NonCommercial, string.Empty, "ko");

        var result = await app.CardService().SaveDraftAsync(priya, demo.EventId, card, typed, 1, Ct);
        var unknownCard = await app.CardService().SaveDraftAsync(priya, demo.EventId, Guid.NewGuid(), typed, 1, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Error.Should().Be(CardService.NotYourCard);
        unknownCard.Failure.Should().Be(ServiceFailure.Forbidden);
        (await app.ReadDraftsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task SaveDraftAsync_OwnCardInAnotherEvent_Forbidden()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var other = await app.AddEventAsync("another-evening", (daniel, EventRole.Organizer));
        var typed = new CardDraftInput("섞인 초안", "문제", string.Empty, CardKind.NonCommercial, string.Empty, "ko");

        var result = await app.CardService().SaveDraftAsync(daniel, other, card, typed, 1, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        (await app.ReadDraftsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("stranger")]
    [InlineData("other-event")]
    public async Task SaveDraftAsync_NotAMember_ForbiddenAndNoDraft(string who)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var outsider = await app.OutsiderAsync(who);
        var typed = new CardDraftInput("초안", "문제", string.Empty, CardKind.NonCommercial, string.Empty, "ko");

        var result = await app.CardService().SaveDraftAsync(outsider, demo.EventId, Guid.Empty, typed, 0, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Error.Should().Be(CardService.NotAMember);
        (await app.ReadDraftsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task SaveDraftAsync_FarLongerThanACardAllows_RejectedAndNothingStored()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var typed = new CardDraftInput("제목", new string('x', (ProblemCard.ProblemMaxLength * 2 * Guard.MaxUnitsPerCharacter) + 1), string.Empty, CardKind.NonCommercial, string.Empty, "ko");

        var result = await app.CardService().SaveDraftAsync(demo.Person("Daniel"), demo.EventId, Guid.Empty, typed, 0, Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Input.Should().Be(new InputError("problem", InputProblem.TooLong, ProblemCard.ProblemMaxLength));
        (await app.ReadDraftsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task DiscardDraftAsync_OwnDraft_RemovesItAndNothingElse()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var cards = app.CardService();
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var typed = new CardDraftInput("초안", "문제", string.Empty, CardKind.NonCommercial, string.Empty, "ko");
        (await cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, typed, 0, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.SaveDraftAsync(daniel, demo.EventId, card, typed, 1, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.SaveDraftAsync(priya, demo.EventId, Guid.Empty, typed, 0, Ct)).Should().Be(ServiceResult.Ok);

        await cards.DiscardDraftAsync(daniel, demo.EventId, Guid.Empty, Ct);

        (await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct)).Should().BeNull();
        (await cards.GetDraftAsync(daniel, demo.EventId, card, Ct)).Should().NotBeNull();
        (await cards.GetDraftAsync(priya, demo.EventId, Guid.Empty, Ct)).Should().NotBeNull();
        (await app.ReadDraftsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task SaveDraftAsync_TwoTabsCreateTheSameNewDraftAtOnce_OneRowAndNoError()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var cards = app.CardService();
        var typed = Enumerable.Range(1, 4)
            .Select(tab => new CardDraftInput($"탭 {tab}", $"탭 {tab}에서 쓴 문제", string.Empty, CardKind.NonCommercial, string.Empty, "ko"))
            .ToList();

        var results = await Task.WhenAll(typed.Select(input =>
            Task.Run(() => cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, input, 0, Ct), Ct)));

        results.Should().OnlyContain(r => r.Succeeded);
        var drafts = await app.ReadDraftsAsync();
        drafts.Should().ContainSingle();
        typed.Select(t => t.Title).Should().Contain(drafts[0].Title);
        var saved = await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct);
        typed.Should().Contain(saved!.Input, "the row holds one tab's text whole, never a mix");

        var last = new CardDraftInput("마지막", "마지막으로 쓴 문제", string.Empty, CardKind.NonCommercial, string.Empty, "ko");
        (await cards.SaveDraftAsync(daniel, demo.EventId, Guid.Empty, last, 0, Ct)).Should().Be(ServiceResult.Ok);
        (await cards.GetDraftAsync(daniel, demo.EventId, Guid.Empty, Ct))!.Input.Should().Be(last);
        (await app.ReadDraftsAsync()).Should().ContainSingle();
    }

    /// <summary>Seven members other than Daniel who can all offer help.</summary>
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

    private static Guid[] SevenSolvers(DemoEventData demo) =>
        [.. new[] { "Priya", "Tomas", "Sara", "하늘", "민준", "Hyunwoo", "도윤" }.Select(demo.Person)];

    private static CardContent Invalid(string input) => input switch
    {
        "empty title" => CardKit.Content(title: string.Empty),
        "blank title" => CardKit.Content(title: " \t "),
        "121-character title" => CardKit.Content(title: new string('가', 121)),
        "title with a newline" => CardKit.Content(title: "첫 줄\n둘째 줄"),
        "empty problem" => CardKit.Content(problem: "   "),
        "2,001-character problem" => CardKit.Content(problem: new string('문', 2001)),
        "9 tags" => CardKit.Content(tags: [.. Enumerable.Range(1, 9).Select(i => $"tag{i}")]),
        "31-character tag" => CardKit.Content(tags: [new string('t', 31)]),
        "no language" => CardKit.Content(language: " "),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
    };
}
