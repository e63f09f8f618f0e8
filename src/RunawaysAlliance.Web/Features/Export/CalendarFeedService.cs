using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>
/// A member's personal calendar feed: their own sessions of one event (moderating, their card, core solver, a seat),
/// as iCalendar at an address with a secret token that calendar apps poll without signing in. Renewing the token
/// makes the old address stop working at once (a feed shared by mistake is withdrawn that way).
/// </summary>
public sealed class CalendarFeedService(EventGate gate, IDbContextFactory<AppDbContext> factory, LiveBoards boards, FollowUps.FollowUpService followUps, ILogger<CalendarFeedService> logger)
{
    private static readonly RuleMessage MembersOnly = new(RuleCode.NotAMember, "You are not a member of this event.");

    private static readonly MyPart[] Held = [MyPart.Moderator, MyPart.Haver, MyPart.CoreSolver, MyPart.Seat];

    /// <summary>The address path of a feed, for a token.</summary>
    public static string PathFor(string slug, string token) => $"/events/{slug}/calendar/{token}.ics";

    /// <summary>The caller's current feed token in the event; null when they never asked for one.</summary>
    public async Task<string?> TokenAsync(Guid callerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<EventMember>().AsNoTracking()
            .Where(m => m.EventId == eventId && m.PersonId == callerId)
            .Select(m => m.CalendarToken)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>A new secret for the caller's feed (also the first one); the old address stops working.</summary>
    public async Task<(ServiceResult Result, string? Token)> RenewAsync(Guid callerId, Guid eventId, CancellationToken ct = default)
    {
        var token = Base64UrlToken();
        var result = await gate.RunAsync(new EventRequest(callerId, eventId, EventRole.Attendee, MembersOnly), access =>
        {
            access.Event.RenewCalendarToken(callerId, token);
            return Task.FromResult(ServiceResult.Ok);
        }, ct);
        if (result.Succeeded)
        {
            // Never the token itself: it is a password for the feed.
            logger.LogInformation("Person {PersonId} renewed their calendar feed of event {EventId}", callerId, eventId);
        }

        return (result, result.Succeeded ? token : null);
    }

    /// <summary>The feed of the member whose token this is in the event; null for an unknown, old or malformed token.</summary>
    public async Task<CalendarFeed?> FeedAsync(string slug, string token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > EventMember.CalendarTokenMaxLength)
        {
            return null;
        }

        // The token first (unique across events), so a guessed one costs one indexed lookup and nothing more.
        EventMember? holder;
        await using (var db = factory.CreateDbContext())
        {
            holder = await db.Set<EventMember>().AsNoTracking().FirstOrDefaultAsync(m => m.CalendarToken == token, ct);
        }

        // The event's shared live snapshot when someone watches it (calendar apps poll; polls should not each read
        // the whole event), else one read.
        var board = holder is null ? null : await boards.GetAsync(slug, ct);
        if (holder is null || board is null || board.EventId != holder.EventId)
        {
            return null;
        }

        var mine = CardQueries.EveningOf(board, holder.PersonId).Rounds
            .SelectMany(r => r.Sessions)
            .Where(s => Held.Contains(s.Part))
            .Select(s => s.SessionId)
            .ToHashSet();
        // The follow-ups they started or accepted too (issue 13): one small indexed read.
        var meetings = await followUps.CalendarOfAsync(holder.PersonId, board.EventId, ct);
        return new CalendarFeed(board.EventId, holder.PersonId, ScheduleIcs.Write(board.Schedule, s => mine.Contains(s.Id), board.Name, meetings));
    }

    private static string Base64UrlToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A member's own sessions as an iCalendar text, and whose they are.</summary>
public sealed record CalendarFeed(Guid EventId, Guid PersonId, string Text);
