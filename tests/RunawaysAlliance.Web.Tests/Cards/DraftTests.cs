using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// Server-side drafts of the card form: kept exactly as typed, one per person, event and card (new or edited),
/// and never read, written or discarded for anyone else.
/// </summary>
public abstract class DraftTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
}
