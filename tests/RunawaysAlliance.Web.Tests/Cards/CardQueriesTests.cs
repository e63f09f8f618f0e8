using System.Text.Encodings.Web;
using System.Text.Json;
using FluentAssertions;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// The card page and "My evening" as each viewer may read them, on the demo event in a real database: who offered
/// is for members only, a withdrawn card for its author only, and a person's evening lists every session they are in.
/// </summary>
public abstract class CardQueriesTests(IDemoFixture fixture)
{
    private const string PriyasNote = "수리 카페를 3년 운영했어요 🔧";

    // Nothing escaped, so that a search for a name or a note finds it as a person would read it.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The demo event's clock: the read models hold instants, and pages show them through it.
    private static readonly EventClock Seoul = EventClock.For(Event.DefaultTimeZoneId);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- One card ----

    [Fact]
    public async Task GetAsync_Member_SeesWhoOfferedAndTheirNotes()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya, tomas) = (demo.Person("Daniel"), demo.Person("Priya"), demo.Person("Tomas"));
        var content = CardKit.Content(title: "수리 카페 🛠️ <b>열기</b>");
        var card = await app.PostCardAsync(daniel, demo.EventId, content);
        await app.OfferAsync(priya, card, note: PriyasNote);
        await app.OfferAsync(tomas, card, OfferKind.Curious);

        var seen = await app.CardQueries().GetAsync(demo.Person("Junho"), DemoEvent.Slug, card, Ct);

        seen.Should().NotBeNull();
        seen!.Should().BeEquivalentTo(new
        {
            Id = card,
            demo.EventId,
            Slug = DemoEvent.Slug,
            Card = new
            {
                content.Title,
                content.Problem,
                AuthorId = daniel,
                AuthorName = "Daniel",
                Status = CardStatus.Open,
                Revision = 1,
            },
            CanHelpCount = 1,
            CuriousCount = 1,
            ViewerIsAuthor = false,
            ViewerIsMember = true,
            Placement = (Placement?)null,
            MyOffer = (OfferView?)null,
        });
        seen.Offers.Select(o => (o.SolverName, o.Kind, o.Note)).Should().Equal(
            ("Priya", OfferKind.CanHelp, PriyasNote),
            ("Tomas", OfferKind.Curious, string.Empty));
    }

    [Fact]
    public async Task GetAsync_SolverAndAuthor_SeeTheirOwnPart()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(priya, card, note: PriyasNote);
        (await app.CardService().SetCoreSolverAsync(daniel, card, priya, true, Ct)).Should().Be(ServiceResult.Ok);

        var bySolver = await app.CardQueries().GetAsync(priya, DemoEvent.Slug, card, Ct);
        var byAuthor = await app.CardQueries().GetAsync(daniel, DemoEvent.Slug, card, Ct);

        bySolver!.MyOffer.Should().BeEquivalentTo(new { SolverId = priya, SolverName = "Priya", Kind = OfferKind.CanHelp, Note = PriyasNote, IsCoreSolver = true });
        bySolver.ViewerIsAuthor.Should().BeFalse();
        byAuthor!.ViewerIsAuthor.Should().BeTrue();
        byAuthor.MyOffer.Should().BeNull();
        byAuthor.Offers.Should().ContainSingle().Which.IsCoreSolver.Should().BeTrue();
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("unknown")]
    [InlineData("stranger")]
    [InlineData("other-event")]
    public async Task GetAsync_AnonymousOrNotAMember_SeesTheCountsButNoNamesOrNotes(string who)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var card = await app.PostCardAsync(demo.Person("Daniel"), demo.EventId, CardKit.Content(title: "모두에게 보이는 제목"));
        await app.OfferAsync(demo.Person("Priya"), card, note: PriyasNote);
        await app.OfferAsync(demo.Person("Tomas"), card, OfferKind.Curious);
        Guid? viewer = who == "anonymous" ? null : await app.OutsiderAsync(who);

        var seen = await app.CardQueries().GetAsync(viewer, DemoEvent.Slug, card, Ct);

        seen.Should().NotBeNull();
        seen!.Card.Title.Should().Be("모두에게 보이는 제목");
        seen.CanHelpCount.Should().Be(1);
        seen.CuriousCount.Should().Be(1);
        seen.Offers.Should().BeEmpty();
        seen.MyOffer.Should().BeNull();
        seen.ViewerIsMember.Should().BeFalse();
        seen.ViewerIsAuthor.Should().BeFalse();
        var everything = JsonSerializer.Serialize(seen, Json);
        everything.Should().NotContain(PriyasNote).And.NotContain("Priya").And.NotContain("Tomas");
        everything.Should().NotContain(demo.Person("Priya").ToString()).And.NotContain(demo.Person("Tomas").ToString());
    }

    [Fact]
    public async Task GetAsync_PlacedCard_PlacementNamesTheRoomRoundTimesAndModerator()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var queries = app.CardQueries();

        var hall1 = await queries.GetAsync(null, DemoEvent.Slug, demo.Card(0), Ct);
        var room3Round2 = await queries.GetAsync(demo.Person("Daniel"), DemoEvent.Slug, demo.Card(4), Ct);
        var unplaced = await queries.GetAsync(null, DemoEvent.Slug, demo.Card(5), Ct);

        hall1!.Placement.Should().Be(new Placement(demo.SessionIn("Hall", 1).Id, "Hall", 1, At(19, 00), At(19, 45), "Junho"));
        room3Round2!.Placement.Should().Be(new Placement(demo.SessionIn("Room 3", 2).Id, "Room 3", 2, At(20, 00), At(20, 45), "Jisoo"));
        Shown(hall1.Placement).Should().Be("19:00–19:45");
        Shown(room3Round2.Placement).Should().Be("20:00–20:45");
        unplaced!.Placement.Should().BeNull();

        (await app.Sessions.ReleaseAsync(demo.Person("Junho"), demo.EventId, demo.SessionIn("Hall", 1).Id, Ct)).Should().Be(ServiceResult.Ok);
        (await queries.GetAsync(null, DemoEvent.Slug, demo.Card(0), Ct))!.Placement.Should().BeNull("a released session places nothing");
    }

    [Fact]
    public async Task GetAsync_UnknownSlugUnknownCardOrCardOfAnotherEvent_Null()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var mina = demo.Person("Mina");
        var other = await app.AddEventAsync("another-evening", (mina, EventRole.Organizer));
        var otherCard = await app.PostCardAsync(mina, other);
        var queries = app.CardQueries();

        (await queries.GetAsync(mina, "no-such-event", demo.Card(5), Ct)).Should().BeNull();
        (await queries.GetAsync(mina, DemoEvent.Slug, Guid.NewGuid(), Ct)).Should().BeNull();
        (await queries.GetAsync(mina, DemoEvent.Slug, otherCard, Ct)).Should().BeNull("the card belongs to another event");
        (await queries.GetAsync(mina, "another-evening", otherCard, Ct)).Should().NotBeNull();
    }

    // ---- My evening ----

    [Fact]
    public async Task MyEveningAsync_EveryPart_EachSessionInItsRoundWithThePersonsPart()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var eunji = await app.AddPersonAsync("Eunji", demo.EventId);
        // Round 3: her own card, placed by Seoyeon in Room 6.
        var own = await app.PostCardAsync(eunji, demo.EventId, CardKit.Content(title: "은지의 카드"));
        (await app.Sessions.ClaimSlotAsync(demo.Person("Seoyeon"), demo.EventId, own, demo.Room("Room 6"), demo.Round(3), ct: Ct)).Succeeded.Should().BeTrue();
        // Round 2: Daniel picked her as a core solver of his card, placed by Alex in Room 5.
        var picked = await app.PostCardAsync(daniel, demo.EventId, CardKit.Content(title: "다니엘의 카드"));
        await app.OfferAsync(eunji, picked, note: "제가 해 봤어요");
        (await app.CardService().SetCoreSolverAsync(daniel, picked, eunji, true, Ct)).Should().Be(ServiceResult.Ok);
        (await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, picked, demo.Room("Room 5"), demo.Round(2), ct: Ct)).Succeeded.Should().BeTrue();
        // Round 2 too: on the waitlist of Room 3 (8 seats; Alex and Daniel gave theirs up when Room 5 was claimed in
        // the same round, one to moderate it, one because his card is in it): newcomers fill it first.
        var room3 = demo.SessionIn("Room 3", 2);
        var full = false;
        for (var i = 0; i < 8 && !full; i++)
        {
            full = await app.ReserveSeatAsync(room3.Id, await app.AddPersonAsync($"Newcomer {i}", demo.EventId));
        }

        full.Should().BeTrue("newcomers fill the room until one of them waits");
        (await app.ReserveSeatAsync(room3.Id, eunji)).Should().BeTrue("the room is full");
        // Round 1: a seat in the hall.
        (await app.ReserveSeatAsync(demo.SessionIn("Hall", 1).Id, eunji)).Should().BeFalse();
        // And a curious offer on a card nobody placed.
        await app.OfferAsync(eunji, demo.Card(6), OfferKind.Curious);

        var evening = await app.CardQueries().MyEveningAsync(eunji, DemoEvent.Slug, Ct);

        evening.Should().NotBeNull();
        evening!.EventId.Should().Be(demo.EventId);
        evening.Cards.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Id = own,
            Title = "은지의 카드",
            Status = CardStatus.Open,
            Placement = new { Room = "Room 6", Round = 3, StartsAt = At(21, 00), EndsAt = At(21, 45), Moderator = "Seoyeon" },
        });
        evening.Offers.Should().HaveCount(2);
        evening.Offers.Single(o => o.CardId == picked).Should().BeEquivalentTo(new
        {
            Title = "다니엘의 카드",
            Kind = OfferKind.CanHelp,
            Note = "제가 해 봤어요",
            IsCoreSolver = true,
            CardStatus = CardStatus.Open,
            Placement = new { Room = "Room 5", Round = 2, StartsAt = At(20, 00), Moderator = "Alex" },
        });
        evening.Offers.Single(o => o.CardId == demo.Card(6)).Should().BeEquivalentTo(new
        {
            Kind = OfferKind.Curious,
            IsCoreSolver = false,
            Placement = (Placement?)null,
        });

        Shown(evening.Cards[0].Placement).Should().Be("21:00–21:45");
        evening.Rounds.Select(r => (r.Number, Seoul.Time(r.StartsAt), Seoul.Time(r.EndsAt))).Should().Equal((1, "19:00", "19:45"), (2, "20:00", "20:45"), (3, "21:00", "21:45"));
        Parts(evening.Rounds[0]).Should().BeEquivalentTo([("Hall", demo.Card(0), MyPart.Seat)]);
        Parts(evening.Rounds[1]).Should().BeEquivalentTo([("Room 3", demo.Card(4), MyPart.Waitlisted), ("Room 5", picked, MyPart.CoreSolver)]);
        Parts(evening.Rounds[2]).Should().BeEquivalentTo([("Room 6", own, MyPart.Haver)]);

        var seoyeons = await app.CardQueries().MyEveningAsync(demo.Person("Seoyeon"), DemoEvent.Slug, Ct);
        Parts(seoyeons!.Rounds[2]).Should().BeEquivalentTo([("Room 6", own, MyPart.Moderator)]);
    }

    [Fact]
    public async Task MyEveningAsync_SlotGivenBack_TheSessionLeavesTheEvening()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var eunji = await app.AddPersonAsync("Eunji", demo.EventId);
        var own = await app.PostCardAsync(eunji, demo.EventId);
        (await app.Sessions.ClaimSlotAsync(demo.Person("Seoyeon"), demo.EventId, own, demo.Room("Room 6"), demo.Round(3), ct: Ct)).Succeeded.Should().BeTrue();
        var session = (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Single(s => s.CardId == own);

        (await app.Sessions.ReleaseAsync(demo.Person("Seoyeon"), demo.EventId, session.Id, Ct)).Should().Be(ServiceResult.Ok);

        var evening = await app.CardQueries().MyEveningAsync(eunji, DemoEvent.Slug, Ct);
        evening!.Rounds.SelectMany(r => r.Sessions).Should().BeEmpty();
        evening.Cards.Should().ContainSingle().Which.Placement.Should().BeNull();
    }

    [Fact]
    public async Task MyEveningAsync_Moderator_ModeratedSessionsShowAsModeratorInTheirRounds()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var evening = await app.CardQueries().MyEveningAsync(demo.Person("Junho"), DemoEvent.Slug, Ct);

        // Junho moderates the hall in rounds 1 and 2 (the seed also gives him seats elsewhere).
        evening!.Rounds[0].Sessions.Should().ContainSingle(s => s.Room == "Hall").Which.Should().BeEquivalentTo(new { CardId = demo.Card(0), Part = MyPart.Moderator });
        evening.Rounds[1].Sessions.Should().ContainSingle(s => s.Room == "Hall").Which.Should().BeEquivalentTo(new { CardId = demo.Card(3), Part = MyPart.Moderator });
        evening.Rounds.SelectMany(r => r.Sessions).Where(s => s.Room != "Hall").Should().OnlyContain(s => s.Part == MyPart.Seat);
        evening.Rounds[2].Sessions.Should().BeEmpty();
        evening.Cards.Should().BeEmpty("Junho brought no card");
    }

    [Fact]
    public async Task MyEveningAsync_Haver_OwnCardsNewestFirstWithCountsPlacementAndWithdrawnOnes()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var withdrawn = await app.PostCardAsync(daniel, demo.EventId, CardKit.Content(title: "거둬들인 카드"));
        await app.OfferAsync(demo.Person("Priya"), withdrawn);
        await app.OfferAsync(demo.Person("Tomas"), withdrawn, OfferKind.Curious);
        (await app.CardService().SetCoreSolverAsync(daniel, withdrawn, demo.Person("Priya"), true, Ct)).Should().Be(ServiceResult.Ok);
        (await app.CardService().WithdrawAsync(daniel, withdrawn, ct: Ct)).Should().Be(ServiceResult.Ok);

        var evening = await app.CardQueries().MyEveningAsync(daniel, DemoEvent.Slug, Ct);

        evening!.Cards.Select(c => c.Id).Should().Equal(withdrawn, demo.Card(9), demo.Card(0));
        evening.Cards[0].Should().BeEquivalentTo(new { Status = CardStatus.Withdrawn, CanHelpCount = 1, CuriousCount = 1, CoreSolverCount = 1, Placement = (Placement?)null });
        evening.Cards[2].Placement.Should().BeEquivalentTo(new { Room = "Hall", Round = 1, Moderator = "Junho" });
        evening.Rounds[0].Sessions.Should().ContainSingle(s => s.CardId == demo.Card(0)).Which.Part.Should().Be(MyPart.Haver);
    }

    [Fact]
    public async Task MyEveningAsync_OfferOnACardWithdrawnLater_StaysListedAsWithdrawn()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya) = (demo.Person("Daniel"), demo.Person("Priya"));
        var card = await app.PostCardAsync(daniel, demo.EventId);
        await app.OfferAsync(priya, card);
        (await app.CardService().WithdrawAsync(daniel, card, ct: Ct)).Should().Be(ServiceResult.Ok);

        var evening = await app.CardQueries().MyEveningAsync(priya, DemoEvent.Slug, Ct);

        evening!.Offers.Should().ContainSingle(o => o.CardId == card).Which.CardStatus.Should().Be(CardStatus.Withdrawn);
    }

    [Fact]
    public async Task MyEveningAsync_UnknownSlug_Null()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        (await app.CardQueries().MyEveningAsync(demo.Person("Daniel"), "no-such-event", Ct)).Should().BeNull();
    }

    /// <summary>An instant of the demo evening (2025-12-11 in Seoul).</summary>
    private static DateTimeOffset At(int hour, int minute) => new(2025, 12, 11, hour, minute, 0, TimeSpan.FromHours(9));

    /// <summary>A placement's times as a page shows them.</summary>
    private static string Shown(Placement? placement) =>
        placement is null ? "(not placed)" : $"{Seoul.Time(placement.StartsAt)}–{Seoul.Time(placement.EndsAt)}";

    private static IEnumerable<(string Room, Guid CardId, MyPart Part)> Parts(MyRound round) =>
        round.Sessions.Select(s => (s.Room, s.CardId, s.Part));
}
