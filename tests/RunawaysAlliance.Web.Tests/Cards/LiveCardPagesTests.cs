using System.Text.Encodings.Web;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// Card pages and "My evening" pages read the event's shared live snapshot (LiveBoards) and derive their viewer's
/// part in memory, so that one change costs a fixed number of queries per instance however many pages are open.
/// </summary>
public abstract class LiveCardPagesTests(IDemoFixture fixture)
{
    private const string PriyasNote = "수리 카페를 3년 운영했어요 🔧";

    /// <summary>Everyone in the demo event; pages are opened by them in turn (card pages also by someone signed out).</summary>
    private static readonly string[] People =
        ["Mina", "Junho", "Seoyeon", "Alex", "Jisoo", "Daniel", "하늘", "민준", "Priya", "Tomas", "서연", "Hyunwoo", "Sara", "도윤"];

    /// <summary>Long enough that a second re-read still on its way would have happened: several coalescing windows.</summary>
    private static readonly TimeSpan Quiet = LiveBoards.CoalesceWindow * 5;

    // Nothing escaped, so that a search for a name or a note finds it as a person would read it.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OfferAdded_1Or50CardPagesAnd1Or50EveningPagesOpen_SameNumberOfQueries()
    {
        var withOne = await QueriesForOneOfferAsync(pages: 1);
        var withFifty = await QueriesForOneOfferAsync(pages: 50);

        TestContext.Current.TestOutputHelper?.WriteLine($"Queries for one offer: {withOne} with 1 + 1 open pages, {withFifty} with 50 + 50.");
        withOne.Should().BePositive("posting the offer and re-reading the shared snapshot both query the database");
        withFifty.Should().Be(withOne, "the open pages derive their part from one shared snapshot; none of them queries");
    }

    [Fact]
    public async Task OfferAdded_OpenPagesOfDifferentViewers_EachSeesItsOwnPart()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var card = await app.PostCardAsync(daniel, demo.EventId);
        var outsider = await app.OutsiderAsync("stranger");
        await using var member = await OpenPage.CardAsync(app, demo.Person("Junho"), card);
        await using var stranger = await OpenPage.CardAsync(app, outsider, card);
        await using var anonymous = await OpenPage.CardAsync(app, null, card);
        await using var solver = await OpenPage.EveningAsync(app, priya, card);

        await app.OfferAsync(priya, card, note: PriyasNote);

        await Task.WhenAll(member.Updated, stranger.Updated, anonymous.Updated, solver.Updated).WaitAsync(CardKit.Patience, Ct);
        var byMember = CardQueries.CardFor(member.Latest, demo.Person("Junho"), card)!;
        byMember.Offers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { SolverName = "Priya", Note = PriyasNote });
        foreach (var (page, viewer) in new[] { (stranger, (Guid?)outsider), (anonymous, null) })
        {
            var seen = CardQueries.CardFor(page.Latest, viewer, card)!;
            seen.CanHelpCount.Should().Be(1);
            seen.Offers.Should().BeEmpty("only members see who offered");
            seen.MyOffer.Should().BeNull();
        }

        CardQueries.EveningOf(solver.Latest, priya).Offers.Should().ContainSingle(o => o.CardId == card).Which.Note.Should().Be(PriyasNote);
        member.Latest.Should().BeSameAs(anonymous.Latest, "every page of the event is handed the same snapshot");
    }

    [Fact]
    public async Task Snapshot_PeopleWithContactDetails_HoldsNoneOfThem()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        await using (var db = app.Store.CreateDbContext())
        {
            // An author, a solver and a moderator: all of them are named in the snapshot, none of their channels.
            foreach (var person in await db.People.Where(p => p.Id == daniel || p.Id == priya || p.Id == demo.Person("Jisoo")).ToListAsync(Ct))
            {
                person.SetContact(ContactDetails.Create($"{person.DisplayName.ToLowerInvariant()}.private@example.org", "+82 10 5555 0101", "dm_handle", null), ContactChannels.All);
            }

            await db.SaveChangesAsync(Ct);
        }

        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(priya, card, note: PriyasNote);

        var snapshot = await app.Boards.GetAsync(DemoEvent.Slug, Ct);

        var s = snapshot!.Schedule;
        var everything = JsonSerializer.Serialize(new { s.Rooms, s.Rounds, s.Sessions, OpenCards = snapshot.Cards, AllCards = snapshot.Book.Cards }, Json);
        everything.Should().Contain("Priya").And.Contain("3년 운영했어요").And.Contain("Jisoo");
        // The phone number with its space: a bare "5555" also turns up in random ids now and then.
        everything.Should().NotContain("private@").And.NotContain("5555 0101").And.NotContain("dm_handle");
    }

    // Opens the pages (each one watches the shared snapshot as the page does), adds one offer through CardService
    // (which publishes it on the feed), waits until every page has derived it, and counts the queries in between.
    private async Task<int> QueriesForOneOfferAsync(int pages)
    {
        var counter = new QueryCounter();
        await using var app = await TestApp.StartAsync(fixture, counter.AddTo, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId);
        var open = new List<OpenPage>();
        try
        {
            for (var i = 0; i < pages; i++)
            {
                var person = demo.Person(People[i % People.Length]);
                open.Add(await OpenPage.CardAsync(app, i % 5 == 4 ? null : person, card));
                open.Add(await OpenPage.EveningAsync(app, person, card));
            }

            app.Boards.WatchedEventCount.Should().Be(1);
            counter.Reset();

            await app.OfferAsync(demo.Person("Priya"), card, note: PriyasNote);
            await Task.WhenAll(open.Select(p => p.Updated)).WaitAsync(CardKit.Patience, Ct);
            await Task.Delay(Quiet, Ct);

            return counter.Count;
        }
        finally
        {
            foreach (var page in open)
            {
                await page.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// An open page as the pages subscribe: a watch on the event's shared snapshot, deriving its viewer's part of
    /// every snapshot it is handed. <see cref="Updated"/> completes once the derived part shows the card's first offer.
    /// </summary>
    private sealed class OpenPage : IAsyncDisposable
    {
        private readonly TaskCompletionSource _updated = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private LiveBoards.BoardWatch? _watch;
        private BoardSnapshot? _latest;

        public Task Updated => _updated.Task;

        public BoardSnapshot Latest => Volatile.Read(ref _latest)!;

        /// <summary>The card page: the card as <paramref name="viewer"/> may see it.</summary>
        public static Task<OpenPage> CardAsync(TestApp app, Guid? viewer, Guid cardId) =>
            OpenAsync(app, snapshot => CardQueries.CardFor(snapshot, viewer, cardId) is { CanHelpCount: 1 });

        /// <summary>My evening: the person's evening, and (to know it is current) the card's offers on the board.</summary>
        public static Task<OpenPage> EveningAsync(TestApp app, Guid person, Guid cardId) =>
            OpenAsync(app, snapshot => CardQueries.EveningOf(snapshot, person) is not null && snapshot.Cards.Single(c => c.Id == cardId).CanHelpCount == 1);

        public ValueTask DisposeAsync()
        {
            _watch?.Dispose();
            return ValueTask.CompletedTask;
        }

        private static async Task<OpenPage> OpenAsync(TestApp app, Func<BoardSnapshot, bool> showsTheOffer)
        {
            var page = new OpenPage();
            page._watch = await app.Boards.WatchAsync(DemoEvent.Slug, snapshot =>
            {
                Volatile.Write(ref page._latest, snapshot);
                if (showsTheOffer(snapshot))
                {
                    page._updated.TrySetResult();
                }
            }, Ct);
            page._watch.Should().NotBeNull();
            page._latest ??= page._watch!.Initial;
            return page;
        }
    }
}
