using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>The session page (timer, seats, record) and the claim sheet, as the moderator tests drive them.</summary>
internal static partial class SessionPages
{
    public static ILocator Timer(this IPage page) => page.Locator("[data-testid=session-timer]");

    public static ILocator Countdown(this IPage page) => page.Locator("[data-testid=session-timer] [data-countdown]");

    public static ILocator SeatStatus(this IPage page) => page.Locator("[data-testid=seat-status]");

    public static ILocator RecordStatus(this IPage page) => page.Locator("[data-testid=record-status]");

    public static string SessionPath(Guid sessionId) => $"events/{DemoEvent.Slug}/sessions/{sessionId}";

    /// <summary>The demo event's moderator invite code: whoever joins with it is a moderator.</summary>
    public static async Task<string> ModeratorInviteAsync(RunawaysApp app, CancellationToken ct)
    {
        await using var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == DemoEvent.Slug).Select(e => e.ModeratorInviteCode).SingleAsync(ct);
    }

    /// <summary>Opens a session page and waits until it is interactive.</summary>
    public static async Task OpenSessionAsync(this IPage page, Guid sessionId)
    {
        await page.OpenAsync(SessionPath(sessionId));
        await Expect(page.Locator("[data-testid=session-page]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await page.WaitForInteractiveAsync();
    }

    /// <summary>The session that holds a card now.</summary>
    public static async Task<Session> SessionOfCardAsync(RunawaysApp app, Guid cardId, CancellationToken ct)
    {
        await using var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Sessions.AsNoTracking().Include(s => s.Seats).Include(s => s.Timer).Include(s => s.Record)
            .SingleAsync(s => s.CardId == cardId && s.Status == SessionStatus.Active, ct);
    }

    /// <summary>The demo event's active session in a room and round, with its card's title.</summary>
    public static async Task<PlacedSession> SessionInAsync(RunawaysApp app, string room, int round, CancellationToken ct)
    {
        await using var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Rooms).Include(e => e.Rounds).AsSplitQuery().SingleAsync(e => e.Slug == DemoEvent.Slug, ct);
        var roomId = evt.Rooms.Single(r => r.Name == room).Id;
        var roundId = evt.Rounds.Single(r => r.Number == round).Id;
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.RoomId == roomId && s.RoundId == roundId && s.Status == SessionStatus.Active, ct);
        var title = await db.Cards.AsNoTracking().Where(c => c.Id == session.CardId).Select(c => c.Title).SingleAsync(ct);
        return new PlacedSession(session.Id, session.CardId, title);
    }

    /// <summary>
    /// Other members take seats through the same service the page calls, until <paramref name="left"/> seats are left:
    /// the attendees in the test then compete for the last ones.
    /// </summary>
    public static async Task FillSeatsAsync(RunawaysApp app, Guid sessionId, int left, IReadOnlyCollection<Guid> keepOut, CancellationToken ct)
    {
        Session session;
        List<Guid> members;
        await using (var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            session = await db.Sessions.AsNoTracking().Include(s => s.Seats).Include(s => s.Reservations).SingleAsync(s => s.Id == sessionId, ct);
            var inRound = await db.Sessions.AsNoTracking()
                .Where(s => s.EventId == session.EventId && s.RoundId == session.RoundId && s.Status == SessionStatus.Active)
                .SelectMany(s => s.Reservations.Select(r => r.PersonId))
                .ToListAsync(ct);
            var busy = inRound.Concat(keepOut).Append(session.ModeratorId).Append(session.HaverId).ToHashSet();
            members = await db.Set<EventMember>().AsNoTracking()
                .Where(m => m.EventId == session.EventId)
                .Select(m => m.PersonId)
                .ToListAsync(ct);
            members = [.. members.Where(m => !busy.Contains(m))];
        }

        var seats = app.GetRequiredService<SeatService>();
        var taken = session.Seats.Taken;
        foreach (var person in members)
        {
            if (taken >= session.Capacity - left)
            {
                break;
            }

            var result = await seats.ReserveSeatAsync(person, session.EventId, sessionId, ct);
            if (result.Succeeded && result.Seat?.State == SeatState.Seated)
            {
                taken++;
            }
        }

        if (taken != session.Capacity - left)
        {
            throw new InvalidOperationException($"Could only fill {taken} of {session.Capacity} seats (wanted {left} left).");
        }
    }
}

/// <summary>A placed session as a test names it.</summary>
internal sealed record PlacedSession(Guid Id, Guid CardId, string CardTitle);
