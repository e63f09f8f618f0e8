using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Organize;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>
/// Every mutating service method, called as each kind of caller: the server decides, and a refusal changes
/// nothing in the database. The UI hiding a button is never the check.
/// </summary>
public abstract class AuthorizationMatrixTests(IDemoFixture fixture)
{
    public enum Caller
    {
        Anonymous,
        Stranger,
        Attendee,
        OtherEventOrganizer,
        Moderator,
        Organizer,
    }

    public enum Action
    {
        ClaimSlot,
        ReleaseOwnSession,
        SetRole,
        RenewJoinLink,
        RenewModeratorInvite,
        SetLimits,
        CloseJoining,
        RemovePerson,
        ChangeDetails,
        AddRoom,
        RenameRoom,
        ResizeRoom,
        RemoveRoom,
        AddRound,
        ChangeRound,
        RemoveRound,
        AdvancePhase,
        MakeWallPublic,
        RenewWallLink,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Who may do what: everything else must be refused.</summary>
    private static readonly Dictionary<Action, Caller[]> Allowed = new()
    {
        [Action.ClaimSlot] = [Caller.Moderator, Caller.Organizer],
        [Action.ReleaseOwnSession] = [Caller.Moderator, Caller.Organizer],
        [Action.SetRole] = [Caller.Organizer],
        [Action.RenewJoinLink] = [Caller.Organizer],
        [Action.RenewModeratorInvite] = [Caller.Organizer],
        [Action.SetLimits] = [Caller.Organizer],
        [Action.CloseJoining] = [Caller.Organizer],
        [Action.RemovePerson] = [Caller.Organizer],
        [Action.ChangeDetails] = [Caller.Organizer],
        [Action.AddRoom] = [Caller.Organizer],
        [Action.RenameRoom] = [Caller.Organizer],
        [Action.ResizeRoom] = [Caller.Organizer],
        [Action.RemoveRoom] = [Caller.Organizer],
        [Action.AddRound] = [Caller.Organizer],
        [Action.ChangeRound] = [Caller.Organizer],
        [Action.RemoveRound] = [Caller.Organizer],
        [Action.AdvancePhase] = [Caller.Organizer],
        [Action.MakeWallPublic] = [Caller.Organizer],
        [Action.RenewWallLink] = [Caller.Organizer],
    };

    public static TheoryData<Action, Caller> Cases()
    {
        var data = new TheoryData<Action, Caller>();
        foreach (var action in Enum.GetValues<Action>())
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add(action, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Mutation_AsCaller_AllowedOnlyForItsRolesAndRefusalChangesNothing(Action action, Caller caller)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var callerId = await CallerIdAsync(app, demo, caller);
        var before = await FingerprintAsync(app, demo.EventId);

        var result = await RunAsync(app, demo, action, callerId);

        var expected = Allowed[action].Contains(caller);
        result.Succeeded.Should().Be(expected, $"{caller} {(expected ? "may" : "may not")} {action}; the service said: {result.Error}");
        var after = await FingerprintAsync(app, demo.EventId);
        if (expected)
        {
            after.Should().NotBe(before, "an allowed mutation changes the event");
        }
        else
        {
            result.Failure.Should().Be(ServiceFailure.Forbidden);
            after.Should().Be(before, "a refused call changes nothing");
        }
    }

    private static Task<ServiceResult> RunAsync(TestApp app, DemoEventData demo, Action action, Guid callerId)
    {
        var organize = app.Services.GetRequiredService<OrganizeService>();
        var setup = app.Services.GetRequiredService<SetupService>();
        var releaseAll = demo.Sessions.Where(s => s.Status == SessionStatus.Active).Select(s => SessionResolution.Release(s.Id)).ToList();
        return action switch
        {
            // Card 5 is unplaced and its author is free in round 3; the Hall is free in round 3.
            Action.ClaimSlot => app.Sessions.ClaimSlotAsync(callerId, demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), ct: Ct),
            // Junho moderates the Hall in round 1: his own session (the moderator caller is Junho).
            Action.ReleaseOwnSession => app.Sessions.ReleaseAsync(callerId, demo.EventId, demo.SessionIn("Hall", 1).Id, Ct),
            Action.SetRole => organize.SetRoleAsync(callerId, demo.EventId, demo.Person("Daniel"), EventRole.Moderator, Ct),
            Action.RenewJoinLink => organize.RenewJoinCodeAsync(callerId, demo.EventId, Ct),
            Action.RenewModeratorInvite => organize.RenewModeratorInviteAsync(callerId, demo.EventId, Ct),
            Action.SetLimits => organize.SetLimitsAsync(callerId, demo.EventId, 50, 3, Ct),
            Action.CloseJoining => organize.SetJoiningClosedAsync(callerId, demo.EventId, closed: true, Ct),
            Action.RemovePerson => organize.RemovePersonAsync(callerId, demo.EventId, demo.Person("Priya"), Ct),
            Action.ChangeDetails => setup.ChangeDetailsAsync(callerId, demo.EventId, "Renamed evening", "Busan", "Europe/Berlin", Ct),
            Action.AddRoom => setup.AddRoomAsync(callerId, demo.EventId, "Roof terrace", 20, Ct),
            Action.RenameRoom => setup.RenameRoomAsync(callerId, demo.EventId, demo.Room("Room 6"), "Library", Ct),
            Action.ResizeRoom => setup.ChangeGridAsync(callerId, demo.EventId, new ResizeRoom(demo.Room("Room 6"), 30), [], Ct),
            // Releasing every active session settles whichever of them sit in Room 1.
            Action.RemoveRoom => setup.ChangeGridAsync(callerId, demo.EventId, new RemoveRoom(demo.Room("Room 1")), releaseAll, Ct),
            Action.AddRound => setup.AddRoundAsync(callerId, demo.EventId, new DateOnly(2025, 12, 11), new TimeOnly(22, 0), 45, Ct),
            Action.ChangeRound => setup.ChangeRoundAsync(callerId, demo.EventId, demo.Round(3), new DateOnly(2025, 12, 11), new TimeOnly(21, 30), 30, Ct),
            Action.RemoveRound => setup.ChangeGridAsync(callerId, demo.EventId, new RemoveRound(demo.Round(3)), releaseAll, Ct),
            Action.AdvancePhase => setup.AdvanceAsync(callerId, demo.EventId, EventPhase.Live, Ct),
            Action.MakeWallPublic => setup.SetWallPublicAsync(callerId, demo.EventId, isPublic: true, Ct),
            Action.RenewWallLink => setup.RenewWallCodeAsync(callerId, demo.EventId, Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    private static async Task<Guid> CallerIdAsync(TestApp app, DemoEventData demo, Caller caller)
    {
        switch (caller)
        {
            case Caller.Anonymous:
                return Guid.Empty;
            case Caller.Attendee:
                return demo.Person("Daniel");
            case Caller.Moderator:
                return demo.Person("Junho");
            case Caller.Organizer:
                return demo.Person("Mina");
            case Caller.Stranger:
            case Caller.OtherEventOrganizer:
                await using (var db = app.Store.CreateDbContext())
                {
                    var now = DateTimeOffset.UtcNow;
                    var person = new Person(Guid.NewGuid(), caller.ToString(), now);
                    db.People.Add(person);
                    if (caller == Caller.OtherEventOrganizer)
                    {
                        var other = new Event(Guid.NewGuid(), "other-event", "Another event", "Busan", Event.DefaultTimeZoneId, now);
                        other.AddMember(person.Id, EventRole.Organizer, now);
                        db.Events.Add(other);
                    }

                    await db.SaveChangesAsync(Ct);
                    return person.Id;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(caller));
        }
    }

    /// <summary>Everything the matrix's actions could change, as one comparable string.</summary>
    private static async Task<string> FingerprintAsync(TestApp app, Guid eventId)
    {
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Members).Include(e => e.Rooms).Include(e => e.Rounds).AsSplitQuery()
            .SingleAsync(e => e.Id == eventId, Ct);
        var grid = evt.Rooms.Select(r => $"{r.Id}:{r.Name}:{r.Capacity}").Concat(evt.Rounds.Select(r => $"{r.Id}:{r.StartsAt:O}:{r.Duration}"));
        var settings = $"{evt.Name}:{evt.Venue}:{evt.TimeZoneId}:{evt.Phase}:{evt.IsWallPublic}:{evt.WallCode}:{evt.GuestsPerHour}:{evt.CardsPerPerson}:{evt.IsJoiningClosed}";
        var cards = await db.Cards.AsNoTracking().Where(c => c.EventId == eventId).OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Status}").ToListAsync(Ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId)
            .OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Status}:{s.ModeratorId}").ToListAsync(Ct);
        var members = evt.Members.OrderBy(m => m.PersonId).Select(m => $"{m.PersonId}:{m.Role}");
        return string.Join('|', [evt.JoinCode, evt.ModeratorInviteCode, settings, .. grid, .. members, .. sessions, .. cards]);
    }
}

public sealed class SqliteAuthorizationMatrixTests(SqliteDemoFixture fixture)
    : AuthorizationMatrixTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresAuthorizationMatrixTests(PostgresDemoFixture fixture)
    : AuthorizationMatrixTests(fixture), IClassFixture<PostgresDemoFixture>;
