using System.Globalization;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Accounts;
using RunawaysAlliance.Web.Features.Organize;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Organize;

/// <summary>
/// Issue 15, item 5: per-event limits against join and card floods, enforced by the services on the store — the
/// hourly admission (on the injected clock), the last place under concurrency, closing joining, open cards per
/// person, and removing a spammer with everything they posted, live.
/// </summary>
public abstract class FloodLimitTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A day after the demo was seeded: its members joined long before the hour these tests count.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddDays(1));

    [Fact]
    public async Task JoinAsync_OneMoreThanTheHourlyLimit_RefusedInTheReadersLanguageUntilTheHourPasses()
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        (await app.Organize().SetLimitsAsync(demo.Person("Mina"), demo.EventId, guestsPerHour: 3, cardsPerPerson: 5, Ct)).Succeeded.Should().BeTrue();
        var code = await JoinCodeAsync(app);
        for (var i = 1; i <= 3; i++)
        {
            (await JoinAsync(app, code, $"Guest {i}")).Succeeded.Should().BeTrue($"guest {i} is within the hour's places");
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var people = await CountPeopleAsync(app);
        var refused = await JoinAsync(app, code, "Guest 4");

        refused.Succeeded.Should().BeFalse();
        refused.Refusal!.Code.Should().Be(RuleCode.JoinLimitReached);
        refused.Refusal.Arguments.Should().Equal(3, 30);
        Say(app, refused.Refusal, "ko").Should().Be("지난 한 시간 동안 3명이 참여해 이 행사의 시간당 참여 한도에 이르렀습니다. 30분 뒤에 다시 시도하세요.");
        Say(app, refused.Refusal, "en").Should().Be("3 people joined in the last hour, as many as this event admits in an hour. Try again in 30 minutes.");
        (await CountPeopleAsync(app)).Should().Be(people, "a refused newcomer costs no guest account");

        _time.Advance(TimeSpan.FromMinutes(30));
        (await JoinAsync(app, code, "Guest 4")).Succeeded.Should().BeTrue("the first guest's place came free when the hour passed");
    }

    [Fact]
    public async Task Admit_TwoJoinsTakeTheLastPlaceAtOnce_TheSecondSaveLosesOnTheEventRow()
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await app.Organize().SetLimitsAsync(demo.Person("Mina"), demo.EventId, guestsPerHour: 1, cardsPerPerson: 5, Ct);
        var first = await app.AddPersonAsync("First");
        var second = await app.AddPersonAsync("Second");
        var now = _time.GetUtcNow();

        // Both read the event while the place is free, as two joins at the same moment do.
        await using var one = app.Store.CreateDbContext();
        await using var two = app.Store.CreateDbContext();
        var seenByOne = await one.Events.Include(e => e.Members).Include(e => e.Removals).SingleAsync(e => e.Id == demo.EventId, Ct);
        var seenByTwo = await two.Events.Include(e => e.Members).Include(e => e.Removals).SingleAsync(e => e.Id == demo.EventId, Ct);
        seenByOne.Admit(first, EventRole.Attendee, now);
        seenByTwo.Admit(second, EventRole.Attendee, now);

        await one.SaveChangesAsync(Ct);
        var late = () => two.SaveChangesAsync(Ct);

        (await late.Should().ThrowAsync<ConcurrentEditException>()).Which.Code.Should().Be(RuleCode.ChangedConcurrently);
        await using var check = app.Store.CreateDbContext();
        var evt = await check.Events.AsNoTracking().Include(e => e.Members).SingleAsync(e => e.Id == demo.EventId, Ct);
        evt.FindMember(first).Should().NotBeNull();
        evt.FindMember(second).Should().BeNull();
        evt.AdmittedWithinHour(now).Should().Be(1);
    }

    [Fact]
    public async Task JoinAsync_ManyNewcomersAtOnceForThreePlaces_ThreeAdmittedAndNoStrayAccounts()
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await app.Organize().SetLimitsAsync(demo.Person("Mina"), demo.EventId, guestsPerHour: 3, cardsPerPerson: 5, Ct);
        var code = await JoinCodeAsync(app);
        var people = await CountPeopleAsync(app);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => JoinAsync(app, code, $"Rush {i}"), Ct)));

        outcomes.Count(o => o.Succeeded).Should().Be(3);
        outcomes.Where(o => !o.Succeeded).Should().OnlyContain(o => o.Refusal!.Code == RuleCode.JoinLimitReached);
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Members).SingleAsync(e => e.Id == demo.EventId, Ct);
        evt.AdmittedWithinHour(_time.GetUtcNow()).Should().Be(3);
        (await CountPeopleAsync(app)).Should().Be((people.People + 3, people.Accounts + 3), "an account made for a join that lost the last place goes again");
    }

    [Fact]
    public async Task SetJoiningClosedAsync_Closed_NewcomersRefusedMembersStillInUntilOpened()
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var code = await JoinCodeAsync(app);

        (await app.Organize().SetJoiningClosedAsync(demo.Person("Mina"), demo.EventId, closed: true, Ct)).Succeeded.Should().BeTrue();
        var refused = await JoinAsync(app, code, "Latecomer");
        var member = await JoinAsync(app, code, null, signedIn: demo.Person("Daniel"));

        refused.Refusal!.Code.Should().Be(RuleCode.JoiningClosed);
        Say(app, refused.Refusal, "ko").Should().Be("지금은 \"Runaways' Alliance 2025\"에 새로 참여할 수 없습니다. 현장의 운영자에게 문의하세요.");
        member.Succeeded.Should().BeTrue("members still get in while joining is closed");
        (await app.Organize().SetJoiningClosedAsync(demo.Person("Mina"), demo.EventId, closed: false, Ct)).Succeeded.Should().BeTrue();
        (await JoinAsync(app, code, "Latecomer")).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("Junho")]
    [InlineData("Daniel")]
    public async Task OrganizerSwitches_CalledByANonOrganizer_RefusedOnTheServerAndNothingChanges(string caller)
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var organize = app.Organize();

        var close = await organize.SetJoiningClosedAsync(demo.Person(caller), demo.EventId, closed: true, Ct);
        var limits = await organize.SetLimitsAsync(demo.Person(caller), demo.EventId, 1, 1, Ct);
        var remove = await organize.RemovePersonAsync(demo.Person(caller), demo.EventId, demo.Person("Priya"), Ct);

        new[] { close, limits, remove }.Should().OnlyContain(r => r.Failure == ServiceFailure.Forbidden && r.Code == RuleCode.OnlyOrganizers);
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Members).SingleAsync(e => e.Id == demo.EventId, Ct);
        evt.IsJoiningClosed.Should().BeFalse();
        evt.GuestsPerHour.Should().Be(Event.DefaultGuestsPerHour);
        evt.FindMember(demo.Person("Priya")).Should().NotBeNull();
        (await JoinAsync(app, await JoinCodeAsync(app), "Newcomer")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task PostAsync_OneMoreThanTheOpenCardsAPersonMayHave_RefusedUntilOneIsWithdrawn()
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var newcomer = await app.AddPersonAsync("Newcomer", demo.EventId);
        var cards = app.CardService();
        var posted = new List<Guid>();
        for (var i = 1; i <= Event.DefaultCardsPerPerson; i++)
        {
            posted.Add(await app.PostCardAsync(newcomer, demo.EventId, CardKit.Content(title: $"카드 {i}")));
        }

        var before = await app.ReadCardsAsync();
        var refused = await cards.PostAsync(newcomer, demo.EventId, CardKit.Content(title: "카드 6"), Ct);

        refused.Code.Should().Be(RuleCode.CardLimitReached);
        refused.Arguments.Should().Equal(Event.DefaultCardsPerPerson);
        Say(app, refused, "ko").Should().Be("이 행사에서는 한 사람이 열린 카드를 5장까지 둘 수 있습니다. 새 카드를 올리려면 하나를 내리세요.");
        (await cards.CheckCanPostAsync(newcomer, demo.EventId, isNewCard: true, Ct)).Code.Should().Be(RuleCode.CardLimitReached, "the form says so before anyone types");
        (await cards.CheckCanPostAsync(newcomer, demo.EventId, isNewCard: false, Ct)).Succeeded.Should().BeTrue("editing a card is not posting one");
        (await app.ReadCardsAsync()).Should().Equal(before);

        (await cards.WithdrawAsync(newcomer, posted[0], ct: Ct)).Succeeded.Should().BeTrue();
        (await cards.PostAsync(newcomer, demo.EventId, CardKit.Content(title: "카드 6"), Ct)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task PostAsync_OrganizerPastTheLimit_Exempt()
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await app.Organize().SetLimitsAsync(demo.Person("Mina"), demo.EventId, guestsPerHour: 200, cardsPerPerson: 1, Ct);

        for (var i = 1; i <= 3; i++)
        {
            await app.PostCardAsync(demo.Person("Mina"), demo.EventId, CardKit.Content(title: $"씨앗 카드 {i}"));
        }

        (await app.CardService().PostAsync(demo.Person("Junho"), demo.EventId, CardKit.Content(), Ct)).Succeeded.Should().BeTrue();
        (await app.CardService().PostAsync(demo.Person("Junho"), demo.EventId, CardKit.Content(), Ct)).Code.Should().Be(RuleCode.CardLimitReached, "moderators are not exempt");
    }

    [Fact]
    public async Task RemovePersonAsync_Spammer_CardsLeaveTheLiveBoardOffersGoAndTheyCannotRejoin()
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var code = await JoinCodeAsync(app);
        var spammer = (await JoinAsync(app, code, "Spam Bot")).PersonId!.Value;
        var spam = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            spam.Add(await app.PostCardAsync(spammer, demo.EventId, CardKit.Content(title: $"Cheap followers {i}")));
        }

        await app.OfferAsync(spammer, demo.Card(0), note: "buy my course");
        var recorder = new SnapshotRecorder();
        using var watch = await app.Boards.WatchAsync(DemoEvent.Slug, recorder.OnChange, Ct);
        watch!.Initial.Cards.Select(c => c.Id).Should().Contain(spam);

        var result = await app.Organize().RemovePersonAsync(demo.Person("Mina"), demo.EventId, spammer, Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        var live = await recorder.WaitForAsync(s => !s.Cards.Any(c => spam.Contains(c.Id)), CardKit.Patience, Ct);
        live.UnplacedCards.Select(c => c.Id).Should().NotIntersectWith(spam);
        live.Book.Find(demo.Card(0))!.Offers.Should().NotContain(o => o.SolverId == spammer);
        live.Book.IsMember(spammer).Should().BeFalse();
        var console = await app.Organize().GetConsoleAsync(demo.Person("Mina"), DemoEvent.Slug, Ct);
        console!.Removals.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { PersonId = spammer, DisplayName = "Spam Bot", RemovedBy = "Mina", CardsWithdrawn = 3, CardsKept = 0, OffersWithdrawn = 1 });
        (await JoinAsync(app, code, null, signedIn: spammer)).Refusal!.Code.Should().Be(RuleCode.RemovedFromEvent);
        (await app.CardService().PostAsync(spammer, demo.EventId, CardKit.Content(), Ct)).Failure.Should().Be(ServiceFailure.Forbidden);
    }

    [Fact]
    public async Task RemovePersonAsync_SpammerHeldTheLastSeat_TheSeatGoesToWhoeverWaitedLongest()
    {
        await using var app = await StartAsync();
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var code = await JoinCodeAsync(app);
        var spammer = (await JoinAsync(app, code, "Seat Hog")).PersonId!.Value;
        var waiting = (await JoinAsync(app, code, "Patient Pat")).PersonId!.Value;
        var full = await SessionInAsync(app, demo, "Room 3", 2);
        (await app.ReserveSeatAsync(full, spammer)).Should().BeFalse("the demo's Room 3 session has one seat left, and the spammer takes it");
        (await app.ReserveSeatAsync(full, waiting)).Should().BeTrue("the room is full, so Pat waits");

        var result = await app.Organize().RemovePersonAsync(demo.Person("Mina"), demo.EventId, spammer, Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        await using var db = app.Store.CreateDbContext();
        var session = await db.Sessions.Include(s => s.Reservations).Include(s => s.Seats).AsSplitQuery().SingleAsync(s => s.Id == full, Ct);
        session.Reservations.Should().NotContain(r => r.PersonId == spammer);
        session.Reservations.Should().ContainSingle(r => r.PersonId == waiting).Which.IsWaitlisted.Should().BeFalse("Pat moved up");
        session.Seats.Waitlisted.Should().Be(0);
    }

    private static async Task<Guid> SessionInAsync(TestApp app, DemoEventData demo, string room, int round)
    {
        await using var db = app.Store.CreateDbContext();
        var (roomId, roundId) = (demo.Room(room), demo.Round(round));
        return await db.Sessions.Where(s => s.RoomId == roomId && s.RoundId == roundId && s.Status == SessionStatus.Active).Select(s => s.Id).SingleAsync(Ct);
    }

    private async Task<TestApp> StartAsync() =>
        await TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);

    private static async Task<JoinOutcome> JoinAsync(TestApp app, string code, string? name, Guid? signedIn = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JoinService>().JoinAsync(code, signedIn, name, Ct);
    }

    private static async Task<string> JoinCodeAsync(TestApp app)
    {
        await using var db = app.Store.CreateDbContext();
        return await db.Events.Where(e => e.Slug == DemoEvent.Slug).Select(e => e.JoinCode).SingleAsync(Ct);
    }

    // People and their sign-in accounts: a guest is one of each.
    private static async Task<(int People, int Accounts)> CountPeopleAsync(TestApp app)
    {
        await using var db = app.Store.CreateDbContext();
        return (await db.People.CountAsync(Ct), await db.Users.CountAsync(Ct));
    }

    private static string Say(TestApp app, ServiceResult result, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return RuleText.Message(app.Services.GetRequiredService<IStringLocalizer<SharedResource>>(), result);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

internal static class OrganizeKit
{
    public static OrganizeService Organize(this TestApp app) => app.Services.GetRequiredService<OrganizeService>();
}

public sealed class SqliteFloodLimitTests(SqliteDemoFixture fixture) : FloodLimitTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresFloodLimitTests(PostgresDemoFixture fixture) : FloodLimitTests(fixture), IClassFixture<PostgresDemoFixture>;
