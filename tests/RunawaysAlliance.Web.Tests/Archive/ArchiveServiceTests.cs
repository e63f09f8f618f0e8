using System.Data.Common;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Archive;
using RunawaysAlliance.Web.Features.FollowUps;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Archive;

/// <summary>
/// The archive and retention (issue 13) on both providers: who reads which record, the contact check before a record
/// goes public, Korean and English search, and the erasure that leaves no personal data in any table.
/// </summary>
public abstract class ArchiveServiceTests(IDemoFixture fixture)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Archive_ShowsEachRecordByVisibility_SearchesKorean_PublicNeedsNoContactDetails()
    {
        await using var app = await TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);
        var s = await ScenarioAsync(app);
        var archive = app.Services.GetRequiredService<ArchiveService>();
        var records = app.Services.GetRequiredService<SessionRecordService>();
        var mina = s.Demo.Person("Mina");

        (await archive.GetAsync(null, DemoEvent.Slug, null, Ct))!.IsArchived.Should().BeFalse("no archive before the event is archived");
        await ArchiveEventAsync(app, s.Demo.EventId);

        var contact = await records.SetVisibilityAsync(mina, s.Demo.EventId, s.PublicSession, RecordVisibility.Public, Ct);
        contact.Code.Should().Be(RuleCode.RecordHasContactDetails);
        contact.Arguments.Should().ContainSingle().Which.Should().Be("mina@example.com, 010-1234-5678");
        (await records.SaveAsync(s.Moderator, s.Demo.EventId, s.PublicSession, new RecordInput("자원봉사자 번아웃을 줄이는 교대표", "Shift rota agreed", "", false), 1, Ct))
            .Result.Succeeded.Should().BeTrue();
        (await records.SetVisibilityAsync(s.Haver, s.Demo.EventId, s.PublicSession, RecordVisibility.Public, Ct)).Failure.Should().Be(ServiceFailure.Forbidden, "organizers decide");
        (await records.SetVisibilityAsync(mina, s.Demo.EventId, s.PublicSession, RecordVisibility.Public, Ct)).Succeeded.Should().BeTrue();
        (await records.SetVisibilityAsync(mina, s.Demo.EventId, s.MembersSession, RecordVisibility.Attendees, Ct)).Succeeded.Should().BeTrue();

        var anonymous = await archive.GetAsync(null, DemoEvent.Slug, null, Ct);
        anonymous!.Entries.Select(e => e.SessionId).Should().Equal([s.PublicSession], "anyone reads public records only");
        (await archive.GetAsync(null, DemoEvent.Slug, "번아웃", Ct))!.Entries.Should().ContainSingle();
        (await archive.GetAsync(null, DemoEvent.Slug, "ㅂㅇ", Ct))!.Entries.Should().ContainSingle("Korean initials match like the cards");
        (await archive.GetAsync(null, DemoEvent.Slug, "rota", Ct))!.Entries.Should().ContainSingle();
        (await archive.GetAsync(null, DemoEvent.Slug, "비밀", Ct))!.Entries.Should().BeEmpty("the private record holds that word and is not shown");

        var attendee = await app.AddPersonAsync("Archive Reader", s.Demo.EventId);
        (await archive.GetAsync(attendee, DemoEvent.Slug, null, Ct))!.Entries.Select(e => e.SessionId)
            .Should().BeEquivalentTo([s.PublicSession, s.MembersSession]);
        (await archive.GetAsync(s.Helper, DemoEvent.Slug, "비밀", Ct))!.Entries.Select(e => e.SessionId)
            .Should().Equal([s.PrivateSession], "a private record stays readable by the session's people");
        (await archive.GetAsync(mina, DemoEvent.Slug, null, Ct))!.Entries.Should().HaveCount(3, "organizers see every record");
    }

    [Fact]
    public async Task Retention_ErasesPersonalData_EveryTableReadAfterwards_RecordsStayAnonymized()
    {
        await using var app = await TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);
        var s = await ScenarioAsync(app);
        var archive = app.Services.GetRequiredService<ArchiveService>();
        var retention = app.Services.GetRequiredService<EventRetention>();
        var mina = s.Demo.Person("Mina");
        (await archive.ScheduleRetentionAsync(mina, s.Demo.EventId, 30, Ct)).Code.Should().Be(RuleCode.RetentionNeedsArchive);
        await ArchiveEventAsync(app, s.Demo.EventId);
        (await app.Services.GetRequiredService<SessionRecordService>().SetVisibilityAsync(mina, s.Demo.EventId, s.MembersSession, RecordVisibility.Public, Ct))
            .Succeeded.Should().BeTrue();
        (await archive.ScheduleRetentionAsync(s.Haver, s.Demo.EventId, 30, Ct)).Failure.Should().Be(ServiceFailure.Forbidden);
        (await archive.ScheduleRetentionAsync(mina, s.Demo.EventId, 30, Ct)).Succeeded.Should().BeTrue();

        _time.Advance(TimeSpan.FromDays(29));
        await retention.PurgeDueAsync(Ct);
        (await PurgedAtAsync(app, s.Demo.EventId)).Should().BeNull("not due yet");

        _time.Advance(TimeSpan.FromDays(1));
        await retention.PurgeDueAsync(Ct);
        (await PurgedAtAsync(app, s.Demo.EventId)).Should().NotBeNull();

        // Who was in the event: everyone but the organizers must be gone from every table the event owns.
        await using var db = app.Store.CreateDbContext();
        var organizers = await db.Set<EventMember>().Where(m => m.EventId == s.Demo.EventId).Select(m => m.PersonId).ToListAsync(Ct);
        organizers.Should().NotBeEmpty().And.OnlyContain(id => s.Organizers.Contains(id));
        var people = s.EventPeople.Except(s.Organizers).ToList();
        people.Should().Contain([s.Haver, s.Helper, s.Moderator, s.Offerer]);
        var rows = await EveryRowAsync(db, Ct);
        rows.Keys.Should().Contain(["Sessions", "Cards", "SessionRecords", "FollowUps", "FollowUpInvitations", "SessionFeedback", "Kudos", "Offers", "Reservations", "EventMembers"]);
        foreach (var (table, values) in rows.Where(r => !AccountTables.Contains(r.Key)))
        {
            foreach (var person in people)
            {
                values.Should().NotContain(v => v.Contains(person.ToString(), StringComparison.OrdinalIgnoreCase), $"{table} keeps nothing of {person}");
            }

            values.Should().NotContain(v => v.Contains("Purge Marker", StringComparison.Ordinal), $"{table} keeps no name");
        }

        foreach (var organizer in s.Organizers)
        {
            rows.Where(r => !AccountTables.Contains(r.Key) && r.Key != "EventMembers")
                .Should().NotContain(r => r.Value.Any(v => v.Contains(organizer.ToString(), StringComparison.OrdinalIgnoreCase)),
                    "an organizer keeps their membership, and their sessions are anonymized like everyone's");
        }

        var publicView = await archive.GetAsync(null, DemoEvent.Slug, "교대표", Ct);
        publicView!.Entries.Should().ContainSingle().Which.Outcomes.Should().Be("Rota", "the records stay, anonymized");
        (await archive.ScheduleRetentionAsync(mina, s.Demo.EventId, 1, Ct)).Code.Should().Be(RuleCode.PersonalDataAlreadyErased);
    }

    // Tables that belong to people's own accounts, not to the event (kept by design, see EventRetention), and the
    // store's own bookkeeping.
    private static readonly HashSet<string> AccountTables =
    [
        "People", "AspNetUsers", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserTokens", "AspNetUserRoles", "AspNetUserPasskeys",
        "AspNetRoles", "AspNetRoleClaims", "ContactRequests", "DataProtectionKeys", "__EFMigrationsHistory",
    ];

    // Every value of every row of every table, as text: nothing is left out because the test forgot a table.
    private static async Task<Dictionary<string, List<string>>> EveryRowAsync(Data.AppDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = db.Database.IsNpgsql()
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await select.ExecuteReaderAsync(ct);
            var values = new List<string>();
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add(reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }

            rows[table] = values;
        }

        return rows;
    }

    private static async Task<DateTimeOffset?> PurgedAtAsync(TestApp app, Guid eventId)
    {
        await using var db = app.Store.CreateDbContext();
        return await db.Events.Where(e => e.Id == eventId).Select(e => e.PurgedAt).SingleAsync(Ct);
    }

    private static async Task ArchiveEventAsync(TestApp app, Guid eventId)
    {
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.Include(e => e.Rooms).Include(e => e.Rounds).SingleAsync(e => e.Id == eventId, Ct);
        evt.AdvanceTo(EventPhase.Archived);
        await db.SaveChangesAsync(Ct);
    }

    private sealed record Scenario(DemoEventData Demo, Guid Moderator, Guid Haver, Guid Helper, Guid Offerer,
        Guid PublicSession, Guid MembersSession, Guid PrivateSession, IReadOnlyList<Guid> Organizers, IReadOnlyList<Guid> EventPeople);

    // Three sessions with records, a seat, an offer, feedback, thanks, a follow-up with an answer, a draft and a calendar token.
    private async Task<Scenario> ScenarioAsync(TestApp app)
    {
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var moderator = await app.AddPersonAsync("Purge Marker Moderator", demo.EventId, EventRole.Moderator);
        var haver = await app.AddPersonAsync("Purge Marker Haver", demo.EventId);
        var helper = await app.AddPersonAsync("Purge Marker Helper", demo.EventId);
        var offerer = await app.AddPersonAsync("Purge Marker Offerer", demo.EventId);
        var sessions = new List<Guid>();
        var texts = new[]
        {
            ("교대표 초안, 연락: mina@example.com, 010-1234-5678", "Rota"),
            ("자원봉사 교대표를 다시 짰다", "Rota"),
            ("비밀 예산 이야기", "Budget"),
        };
        for (var i = 0; i < 3; i++)
        {
            var card = await app.PostCardAsync(haver, demo.EventId, CardKit.Content(title: $"Purge card {i}"));
            if (i == 0)
            {
                await app.OfferAsync(offerer, card);
            }

            var claim = await app.Sessions.ClaimSlotAsync(moderator, demo.EventId, card, demo.Room("Room 4"), demo.Round(i + 1), ct: Ct);
            claim.Succeeded.Should().BeTrue(claim.Error);
            var session = claim.CreatedId!.Value;
            sessions.Add(session);
            (await app.Services.GetRequiredService<SeatService>().ReserveSeatAsync(helper, demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
            var saved = await app.Services.GetRequiredService<SessionRecordService>().SaveAsync(moderator, demo.EventId, session,
                new RecordInput(texts[i].Item1, texts[i].Item2, string.Empty, false), 0, Ct);
            saved.Result.Succeeded.Should().BeTrue(saved.Result.Error);
        }

        // Everyone agrees to be named, so that sharing is only about contact details here.
        foreach (var person in new[] { haver, helper, offerer })
        {
            (await app.Services.GetRequiredService<SessionRecordService>().SetAgreesToBeNamedAsync(person, demo.EventId, true, Ct)).Succeeded.Should().BeTrue();
        }

        await using (var db = app.Store.CreateDbContext())
        {
            var lastRound = await db.Set<Round>().Where(r => r.EventId == demo.EventId).ToListAsync(Ct);
            _time.SetUtcNow(lastRound.Max(r => r.EndsAt));
        }

        (await app.Services.GetRequiredService<FeedbackService>().GiveAsync(helper, demo.EventId, sessions[0], new FeedbackInput(4, SessionLength.TooShort, "Purge Marker comment"), Ct))
            .Succeeded.Should().BeTrue();
        (await app.Services.GetRequiredService<KudosService>().GiveAsync(haver, demo.EventId, sessions[0], helper, "thanks", Ct)).Succeeded.Should().BeTrue();
        var followUp = await app.Services.GetRequiredService<FollowUpService>().StartAsync(moderator, demo.EventId, sessions[0],
            new FollowUpInput("Purge follow-up", "Café", null, 60, [new DateTime(2035, 1, 1, 19, 0, 0)], [haver, helper]), Ct);
        followUp.Succeeded.Should().BeTrue(followUp.Error);
        (await app.Services.GetRequiredService<FollowUpService>().AcceptAsync(helper, demo.EventId, followUp.CreatedId!.Value, [0], Ct)).Succeeded.Should().BeTrue();
        (await app.Services.GetRequiredService<Features.Export.CalendarFeedService>().RenewAsync(helper, demo.EventId, Ct)).Result.Succeeded.Should().BeTrue();
        await app.PostCardAsync(offerer, demo.EventId, CardKit.Content(title: "Purge Marker never placed"));

        await using var read = app.Store.CreateDbContext();
        var members = await read.Set<EventMember>().Where(m => m.EventId == demo.EventId).ToListAsync(Ct);
        return new Scenario(demo, moderator, haver, helper, offerer, sessions[0], sessions[1], sessions[2],
            [.. members.Where(m => m.Role == EventRole.Organizer).Select(m => m.PersonId)], [.. members.Select(m => m.PersonId)]);
    }
}

public sealed class SqliteArchiveServiceTests(SqliteDemoFixture fixture) : ArchiveServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresArchiveServiceTests(PostgresDemoFixture fixture) : ArchiveServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
