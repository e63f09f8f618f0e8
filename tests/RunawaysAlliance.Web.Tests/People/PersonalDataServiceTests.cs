using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.People;

/// <summary>
/// Download my data and delete my account, on the demo event. Daniel authored card 0 (placed in Hall · Round 1)
/// and card 9 (not placed), offered help on cards 3 and 5 and holds seats; Junho moderates two sessions.
/// </summary>
public abstract class PersonalDataServiceTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExportAsync_Person_EverythingAboutThemAsReadableJson()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        var own = await app.GiveChannelsAsync(daniel, "daniel", ContactChannels.Email);
        await app.AddAccountAsync(daniel);

        var export = await app.PersonalData().ExportAsync(daniel, Ct);

        export!.FileName.Should().MatchRegex(@"^runaways-my-data-\d{4}-\d{2}-\d{2}\.json$");
        var text = Encoding.UTF8.GetString(export.Content);
        text.Should().Contain("\n  \"profile\"", "the file is indented for people to read");
        text.Should().Contain("작은 카페의 단골 손님을 늘리고 싶어요", "Hangul is written as text, not escaped");
        using var json = JsonDocument.Parse(export.Content);
        var root = json.RootElement;
        var profile = root.GetProperty("profile");
        profile.GetProperty("displayName").GetString().Should().Be("Daniel");
        profile.GetProperty("contact").GetProperty("email").GetString().Should().Be(own.Email);
        profile.GetProperty("contact").GetProperty("phone").GetString().Should().Be(own.Phone);
        profile.GetProperty("contact").GetProperty("messenger").GetString().Should().Be(own.Messenger);
        profile.GetProperty("contact").GetProperty("linkedIn").GetString().Should().Be(own.LinkedIn);
        profile.GetProperty("defaultSharedChannels").EnumerateArray().Select(e => e.GetString()).Should().Equal("Email");
        root.GetProperty("account").GetProperty("userName").GetString().Should().Be($"user-{daniel:N}");
        root.GetProperty("memberships").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("event").GetString().Should().Be("runaways-2025");
        root.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).Should().BeEquivalentTo([demo.Card(0), demo.Card(9)]);
        root.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("cardId").GetGuid()).Should().BeEquivalentTo([demo.Card(3), demo.Card(5)]);
        var sessions = root.GetProperty("sessions").EnumerateArray().ToList();
        sessions.Should().Contain(s => s.GetProperty("yourCard").GetBoolean() && s.GetProperty("room").GetString() == "Hall");
        sessions.Should().Contain(s => s.GetProperty("yourSeat").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task ExportAsync_OffersOnOwnCards_SolversByDisplayNameOnly()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        // Card 3 is Priya's; Alex, Jisoo and Daniel offered on it.
        var solvers = new List<TestChannels>();
        foreach (var name in new[] { "Alex", "Jisoo", "Daniel" })
        {
            solvers.Add(await app.GiveChannelsAsync(demo.Person(name), $"solver-{name}"));
        }

        var export = await app.PersonalData().ExportAsync(demo.Person("Priya"), Ct);

        using var json = JsonDocument.Parse(export!.Content);
        var card = json.RootElement.GetProperty("cards").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == demo.Card(3));
        card.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("solver").GetString()).Should().BeEquivalentTo(["Alex", "Jisoo", "Daniel"]);
        PeopleKit.Decoded(export.Content).ShouldContainNone(solvers.SelectMany(s => s.Values), "solvers appear by display name only");
    }

    [Fact]
    public async Task ExportAsync_AcceptedExchange_HasOwnChannelsAndNeverTheOtherPersons()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya, sky) = (demo.Person("Daniel"), demo.Person("Priya"), demo.Person("하늘"));
        var own = await app.GiveChannelsAsync(daniel, "daniel");
        var priyas = await app.GiveChannelsAsync(priya, "priya");
        var skys = await app.GiveChannelsAsync(sky, "sky");
        (await app.Contacts().RequestAsync(daniel, priya, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);
        (await app.Contacts().AcceptAsync(priya, (await app.FindRequestAsync(daniel, priya))!.Id, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);
        (await app.Contacts().RequestAsync(sky, daniel, ContactChannels.Phone, Ct)).Should().Be(ServiceResult.Ok);
        (await app.SeenChannelsAsync(daniel, priya)).Should().ContainSingle("Daniel does see Priya's channels in the app");

        var export = await app.PersonalData().ExportAsync(daniel, Ct);

        var text = PeopleKit.Decoded(export!.Content);
        foreach (var value in own.Values)
        {
            text.Should().Contain(value, "the person's own channels are theirs to download");
        }

        text.ShouldContainNone(priyas.Values.Concat(skys.Values), "another person's channels never go into an export");
        text.ShouldContainNone(["priya.private", "kakao-priya", "linkedin.com/in/priya", "sky.private"], "not even partly");
        using var json = JsonDocument.Parse(export.Content);
        var requests = json.RootElement.GetProperty("contactRequests").EnumerateArray().ToList();
        requests.Should().HaveCount(2);
        var sent = requests.Single(r => r.GetProperty("direction").GetString() == "sent");
        sent.GetProperty("otherPerson").GetString().Should().Be("Priya");
        sent.GetProperty("status").GetString().Should().Be("Accepted");
        sent.GetProperty("theyShare").EnumerateArray().Select(c => c.GetString()).Should().Equal("Email", "Phone", "Messenger", "LinkedIn");
        var received = requests.Single(r => r.GetProperty("direction").GetString() == "received");
        received.GetProperty("otherPerson").GetString().Should().Be("하늘");
        received.GetProperty("status").GetString().Should().Be("Pending");
        received.GetProperty("theyShare").EnumerateArray().Select(c => c.GetString()).Should().Equal("Phone");
    }

    [Fact]
    public async Task ExportAsync_UnknownPerson_Null()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);

        (await app.PersonalData().ExportAsync(Guid.NewGuid(), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task DeleteAccountAsync_KeepCards_ErasedAuthorAndNoNameAnywhere()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (daniel, priya, sky) = (demo.Person("Daniel"), demo.Person("Priya"), demo.Person("하늘"));
        var own = await app.GiveChannelsAsync(daniel, "daniel");
        await app.GiveChannelsAsync(priya, "priya");
        await app.GiveChannelsAsync(sky, "sky");
        await app.AddAccountAsync(daniel);
        (await app.Contacts().RequestAsync(daniel, priya, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);
        (await app.Contacts().AcceptAsync(priya, (await app.FindRequestAsync(daniel, priya))!.Id, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);
        (await app.Contacts().RequestAsync(sky, daniel, ContactChannels.Phone, Ct)).Should().Be(ServiceResult.Ok);
        var changes = app.Listen(demo.EventId);

        var result = await app.PersonalData().DeleteAccountAsync(daniel, CardsOnDelete.KeepAnonymously, Ct);

        result.Should().Be(ServiceResult.Ok);
        await using var db = app.Store.CreateDbContext();
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == daniel, Ct);
        person.IsErased.Should().BeTrue();
        person.DisplayName.Should().Be(Person.ErasedName);
        person.AskMeAbout.Should().BeEmpty();
        person.Contact.Should().Be(ContactDetails.None);
        (await db.Cards.AsNoTracking().Where(c => c.AuthorId == daniel).Select(c => c.Id).ToListAsync(Ct)).Should().BeEquivalentTo([demo.Card(0), demo.Card(9)]);
        await ShouldHaveNoTracesAsync(app, daniel);
        changes.Received.Should().Contain(new EventChange(demo.EventId, ChangeKind.Event, daniel));

        var board = await app.BoardJsonAsync();
        board.Should().NotContain("Daniel");
        board.ShouldContainNone(own.Values, "an erased person has no channels");
        board.Should().Contain(demo.Card(9).ToString(), "the kept card is still on the board, without a name");
        (await app.Profiles().ListEventPeopleAsync(priya, "runaways-2025", Ct))!.People.Should().NotContain(p => p.PersonId == daniel || p.DisplayName == "Daniel");
        (await app.Contacts().ListMineAsync(priya, Ct))!.All.Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteAccountAsync_DeleteCards_UnplacedCardsGoPlacedOnesStayWithoutAName()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        await app.AddAccountAsync(daniel);

        var result = await app.PersonalData().DeleteAccountAsync(daniel, CardsOnDelete.Delete, Ct);

        result.Should().Be(ServiceResult.Ok);
        await using var db = app.Store.CreateDbContext();
        (await db.Cards.AsNoTracking().Where(c => c.AuthorId == daniel).Select(c => c.Id).ToListAsync(Ct)).Should().Equal(demo.Card(0));
        (await db.Set<Offer>().AsNoTracking().CountAsync(o => o.CardId == demo.Card(9), Ct)).Should().Be(0, "offers go with their card");
        (await db.Sessions.AsNoTracking().CountAsync(s => s.CardId == demo.Card(0), Ct)).Should().Be(1, "the session in Hall · Round 1 goes on");
        await ShouldHaveNoTracesAsync(app, daniel);
        var board = await app.BoardJsonAsync();
        board.Should().NotContain("Daniel").And.NotContain(demo.Card(9).ToString());
    }

    [Fact]
    public async Task DeleteAccountAsync_Moderator_SessionsStayAndTheBoardShowsNoName()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var junho = demo.Person("Junho");
        (await app.BoardJsonAsync()).Should().Contain("Junho");

        var result = await app.PersonalData().DeleteAccountAsync(junho, CardsOnDelete.Delete, Ct);

        result.Should().Be(ServiceResult.Ok);
        (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Should().Equal(demo.Sessions, "session records stay");
        var board = await app.BoardJsonAsync();
        board.Should().NotContain("Junho");
        board.Should().Contain($"\"ModeratorName\":\"{Person.ErasedName}\"");
        await ShouldHaveNoTracesAsync(app, junho);
    }

    [Fact]
    public async Task DeleteAccountAsync_OnlyOrganizer_RefusedAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var mina = demo.Person("Mina");

        var result = await app.PersonalData().DeleteAccountAsync(mina, CardsOnDelete.Delete, Ct);

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("only organizer");
        await using var db = app.Store.CreateDbContext();
        (await db.People.SingleAsync(p => p.Id == mina, Ct)).IsErased.Should().BeFalse();
        var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == demo.EventId, Ct);
        evt.FindMember(mina)!.Role.Should().Be(EventRole.Organizer);
    }

    [Fact]
    public async Task EventsOnlyOrganizedBy_NamesTheEventUntilASecondOrganizerExists()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (mina, junho) = (demo.Person("Mina"), demo.Person("Junho"));

        var before = await app.PersonalData().EventsOnlyOrganizedByAsync(mina, Ct);
        var forAModerator = await app.PersonalData().EventsOnlyOrganizedByAsync(junho, Ct);
        await using (var db = app.Store.CreateDbContext())
        {
            var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == demo.EventId, Ct);
            evt.SetRole(junho, EventRole.Organizer);
            await db.SaveChangesAsync(Ct);
        }

        var after = await app.PersonalData().EventsOnlyOrganizedByAsync(mina, Ct);

        before.Should().ContainSingle().Which.Slug.Should().Be(RunawaysAlliance.Data.Seeding.DemoEvent.Slug);
        forAModerator.Should().BeEmpty();
        after.Should().BeEmpty();
        (await app.PersonalData().DeleteAccountAsync(mina, CardsOnDelete.KeepAnonymously, Ct)).Should().Be(ServiceResult.Ok);
    }

    [Fact]
    public async Task DeleteAccountAsync_Twice_SecondIsForbidden()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var daniel = demo.Person("Daniel");
        (await app.PersonalData().DeleteAccountAsync(daniel, CardsOnDelete.KeepAnonymously, Ct)).Should().Be(ServiceResult.Ok);

        var again = await app.PersonalData().DeleteAccountAsync(daniel, CardsOnDelete.Delete, Ct);

        again.Failure.Should().Be(ServiceFailure.Forbidden);
        await using var db = app.Store.CreateDbContext();
        (await db.Cards.AsNoTracking().CountAsync(c => c.AuthorId == daniel, Ct)).Should().Be(2, "the refused call deletes nothing");
        (await app.PersonalData().ExportAsync(daniel, Ct)).Should().BeNull();
        (await app.Profiles().UpdateAsync(daniel, new ProfileInput { DisplayName = "Daniel" }, Ct)).Outcome.Failure.Should().Be(ServiceFailure.Forbidden);
        await app.GiveChannelsAsync(demo.Person("Priya"), "priya");
        (await app.Contacts().RequestAsync(demo.Person("Priya"), daniel, ContactChannels.All, Ct)).Failure.Should().Be(ServiceFailure.NotFound);
    }

    [Fact]
    public async Task DeleteAccountAsync_UnknownPerson_ForbiddenAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await using var db = app.Store.CreateDbContext();
        var counts = (await db.People.CountAsync(p => !p.IsErased, Ct), await db.Cards.CountAsync(Ct), await db.Set<Offer>().CountAsync(Ct));

        var result = await app.PersonalData().DeleteAccountAsync(Guid.NewGuid(), CardsOnDelete.Delete, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        (await db.People.CountAsync(p => !p.IsErased, Ct), await db.Cards.CountAsync(Ct), await db.Set<Offer>().CountAsync(Ct)).Should().Be(counts);
        (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Should().Equal(demo.Sessions);
    }

    /// <summary>No membership, offer, seat, contact request or sign-in account left for the person.</summary>
    private static async Task ShouldHaveNoTracesAsync(TestApp app, Guid personId)
    {
        await using var db = app.Store.CreateDbContext();
        (await db.Set<RunawaysAlliance.Domain.Events.EventMember>().CountAsync(m => m.PersonId == personId, Ct)).Should().Be(0);
        (await db.Set<Offer>().CountAsync(o => o.SolverId == personId, Ct)).Should().Be(0);
        (await db.Set<RunawaysAlliance.Domain.Events.Reservation>().CountAsync(r => r.PersonId == personId, Ct)).Should().Be(0);
        (await db.ContactRequests.CountAsync(r => r.RequesterId == personId || r.RecipientId == personId, Ct)).Should().Be(0);
        (await db.Users.CountAsync(u => u.Id == personId, Ct)).Should().Be(0);
    }
}
