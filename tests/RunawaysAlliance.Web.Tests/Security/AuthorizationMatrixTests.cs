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
        return action switch
        {
            // Card 5 is unplaced and its author is free in round 3; the Hall is free in round 3.
            Action.ClaimSlot => app.Sessions.ClaimSlotAsync(callerId, demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), ct: Ct),
            // Junho moderates the Hall in round 1: his own session (the moderator caller is Junho).
            Action.ReleaseOwnSession => app.Sessions.ReleaseAsync(callerId, demo.EventId, demo.SessionIn("Hall", 1).Id, Ct),
            Action.SetRole => organize.SetRoleAsync(callerId, demo.EventId, demo.Person("Daniel"), EventRole.Moderator, Ct),
            Action.RenewJoinLink => organize.RenewJoinCodeAsync(callerId, demo.EventId, Ct),
            Action.RenewModeratorInvite => organize.RenewModeratorInviteAsync(callerId, demo.EventId, Ct),
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
        var evt = await db.Events.AsNoTracking().Include(e => e.Members).SingleAsync(e => e.Id == eventId, Ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId)
            .OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Status}:{s.ModeratorId}").ToListAsync(Ct);
        var members = evt.Members.OrderBy(m => m.PersonId).Select(m => $"{m.PersonId}:{m.Role}");
        return string.Join('|', [evt.JoinCode, evt.ModeratorInviteCode, .. members, .. sessions]);
    }
}

public sealed class SqliteAuthorizationMatrixTests(SqliteDemoFixture fixture)
    : AuthorizationMatrixTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresAuthorizationMatrixTests(PostgresDemoFixture fixture)
    : AuthorizationMatrixTests(fixture), IClassFixture<PostgresDemoFixture>;
