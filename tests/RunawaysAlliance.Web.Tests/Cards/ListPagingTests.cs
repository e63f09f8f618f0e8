using Bunit;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Components.Shared;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>Long lists render a page at a time and "Show more" adds the next; rapid typing in the search box runs one search.</summary>
public sealed class ListPagingTests
{
    private const int Many = 300;

    [Fact]
    public void UnplacedCards_ThreeHundredCards_RendersOnePageAndShowMoreAddsTheNext()
    {
        using var ctx = ComponentContext.Create();
        var cards = Enumerable.Range(0, Many).Select(i => Card($"Card {i}")).ToArray();

        var cut = ctx.Render<UnplacedCards>(p => p.Add(c => c.View, BoardViews.Of(cards)));

        cut.FindAll("[data-testid=card]").Should().HaveCount(ListPaging.PageSize);
        cut.Find("[data-testid=unplaced-cards-more]").TextContent.Should().Contain("Show 50 more (250 left)");
        cut.Find("[data-testid=unplaced-cards-more]").Click();
        cut.FindAll("[data-testid=card]").Should().HaveCount(2 * ListPaging.PageSize);
        cut.FindAll("[data-testid=card]")[^1].GetAttribute("data-card").Should().Be(cards[99].Id.ToString());
    }

    [Fact]
    public async Task UnplacedCards_NewCardArrivesWhilePaged_ItIsOnTheFirstPageAndFlashes()
    {
        using var ctx = ComponentContext.Create();
        var cards = Enumerable.Range(0, Many).Select(i => Card($"Card {i}")).ToArray();
        var view = BoardViews.Of(cards);
        var cut = ctx.Render<UnplacedCards>(p => p.Add(c => c.View, view));

        var fresh = Card("Fresh card");
        await cut.InvokeAsync(() => view.Show(BoardViews.Snapshot([fresh, .. cards])));

        cut.FindAll("[data-testid=card]").Should().HaveCount(ListPaging.PageSize);
        cut.Find($"[data-card='{fresh.Id}']").ClassList.Should().Contain("flash-a");
    }

    [Fact]
    public void UnplacedCards_OnePageOrLess_NoShowMore()
    {
        using var ctx = ComponentContext.Create();

        var cut = ctx.Render<UnplacedCards>(p => p.Add(c => c.View, BoardViews.Of([.. Enumerable.Range(0, ListPaging.PageSize).Select(i => Card($"Card {i}"))])));

        cut.FindAll("[data-testid=card]").Should().HaveCount(ListPaging.PageSize);
        cut.FindAll("[data-testid=unplaced-cards-more]").Should().BeEmpty();
    }

    [Fact]
    public void PeopleList_ThreeHundredPeople_RendersOnePageAndShowMoreAddsTheNext()
    {
        using var ctx = ComponentContext.Create();
        var people = Enumerable.Range(0, Many)
            .Select(i => new EventPerson(Guid.NewGuid(), $"Person {i}", "", EventRole.Attendee, ContactState.None)).ToArray();

        var cut = ctx.Render<PeopleList>(p => p.Add(c => c.People, people));

        cut.FindAll(".person-row").Should().HaveCount(ListPaging.PageSize);
        cut.Find("[data-testid=people-more]").Click();
        cut.FindAll(".person-row").Should().HaveCount(2 * ListPaging.PageSize);
    }

    [Fact]
    public void Debouncer_RequestsFasterThanThePause_RunsOnlyTheLastOnceThePauseCame()
    {
        var time = new FakeTimeProvider();
        using var debounce = new Debouncer(time, Debouncer.SearchDelay);
        var ran = new List<string>();

        foreach (var query in new[] { "ㅎ", "회", "회ㅇ", "회의" })
        {
            debounce.Request(() => { ran.Add(query); return Task.CompletedTask; });
            time.Advance(Debouncer.SearchDelay / 2);
        }

        ran.Should().BeEmpty("nobody paused yet");
        time.Advance(Debouncer.SearchDelay);
        ran.Should().Equal("회의");
        time.Advance(Debouncer.SearchDelay * 4);
        ran.Should().ContainSingle();
    }

    [Fact]
    public void Debouncer_Disposed_RunsNothing()
    {
        var time = new FakeTimeProvider();
        var debounce = new Debouncer(time, Debouncer.SearchDelay);
        var ran = 0;
        debounce.Request(() => { ran++; return Task.CompletedTask; });

        debounce.Dispose();
        time.Advance(Debouncer.SearchDelay * 2);

        ran.Should().Be(0);
    }

    internal static CardView Card(string title) =>
        new(Guid.NewGuid(), title, "How do we price it?", CardKind.Commercial, "en", ["pricing"], "Mina",
            0, 0, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, SearchText.Of(title));
}

/// <summary>
/// The marketplace page over a real snapshot of 300 cards: one page rendered, "Show more", search over all 300
/// (the oldest card, far past the first page, is found), and a burst of keystrokes costing one search.
/// </summary>
public sealed class CardsPagePagingTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Render_ThreeHundredCards_OnePageShowMoreAndSearchFindsTheLastCard()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        await AddCardsAsync(app);
        using var ctx = Context(app);

        var cut = ctx.Render<CardsPage>(p => p.Add(c => c.Slug, DemoEvent.Slug));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=card]").Should().HaveCount(ListPaging.PageSize), CardKit.Patience);
        cut.Find("[data-testid=cards-more]").Click();
        cut.FindAll("[data-testid=card]").Should().HaveCount(2 * ListPaging.PageSize);

        cut.Find("[data-testid=card-search]").Input("부하 #299");
        _time.Advance(Debouncer.SearchDelay);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=card]").Should().ContainSingle()
            .Which.TextContent.Should().Contain("부하 카드 #299"), CardKit.Patience);
        cut.FindAll("[data-testid=cards-more]").Should().BeEmpty();
    }

    [Fact]
    public async Task Input_BurstOfKeystrokes_OneSearchAfterThePause()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        await AddCardsAsync(app);
        using var ctx = Context(app);
        var cut = ctx.Render<CardsPage>(p => p.Add(c => c.Slug, DemoEvent.Slug));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=card]").Should().HaveCount(ListPaging.PageSize), CardKit.Patience);
        var searches = Searches(cut);

        foreach (var typed in new[] { "ㅂ", "부", "부ㅎ", "부하", "부하 ", "부하 #", "부하 #2", "부하 #29", "부하 #299" })
        {
            cut.Find("[data-testid=card-search]").Input(typed);
            _time.Advance(Debouncer.SearchDelay / 5);
        }

        Searches(cut).Should().Be(searches, "nothing is searched while the person is still typing");
        cut.FindAll("[data-testid=card]").Should().HaveCount(ListPaging.PageSize);
        _time.Advance(Debouncer.SearchDelay);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=card]").Should().ContainSingle(), CardKit.Patience);
        Searches(cut).Should().Be(searches + 1);
    }

    private BunitContext Context(TestApp app)
    {
        var ctx = ComponentContext.Create("ko");
        ctx.Services.AddSingleton(app.Boards);
        ctx.Services.AddSingleton<TimeProvider>(_time);
        return ctx;
    }

    private static int Searches(IRenderedComponent<CardsPage> cut) =>
        int.Parse(cut.Find("[data-testid=cards-page]").GetAttribute("data-searches")!, System.Globalization.CultureInfo.InvariantCulture);

    // 300 cards by one author, #0 the newest and #299 the oldest (the last row of the list).
    private static async Task AddCardsAsync(TestApp app)
    {
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await using var db = app.Store.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        db.Cards.AddRange(Enumerable.Range(0, 300).Select(i => new ProblemCard(
            Guid.NewGuid(), demo.EventId, demo.Person("Daniel"),
            CardKit.Content(title: $"부하 카드 #{i}", tags: ["부하"]), now.AddMinutes(-i))));
        await db.SaveChangesAsync(Ct);
        (await db.Cards.CountAsync(c => c.EventId == demo.EventId, Ct)).Should().BeGreaterThan(300);
    }
}
