using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// Posting a card through the service the pages call, on the demo event in a real database: a member's card is
/// stored as typed, put on the board and announced; a refusal (not a member, no such event, invalid input) stores
/// nothing and announces nothing. Daniel (an attendee) is the usual author.
/// </summary>
public abstract class CardPostingTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
