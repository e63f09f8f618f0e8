using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>
/// The schedule as files other tools read, off the circuits: plain HTTP GETs over the published schedule
/// (<see cref="ScheduleQueries"/>, public data only). Each carries a strong ETag of its bytes, so that apps polling
/// it get a 304 while nothing changed.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointConventionBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var schedule = endpoints.MapGroup("/events/{slug}");
        schedule.MapGet("/schedule.csv", (string slug, HttpContext context, [FromServices] ScheduleQueries schedules, CancellationToken ct) =>
            ScheduleFileAsync(slug, "schedule.csv", context, schedules, (s, _) => ScheduleCsv.Write(s), ScheduleCsv.ContentType, s => $"{s.Slug}-schedule.csv", ct));
        schedule.MapGet("/schedule.ics", (string slug, HttpContext context, [FromServices] ScheduleQueries schedules, CancellationToken ct) =>
            ScheduleFileAsync(slug, "schedule.ics", context, schedules, (s, _) => Encoding.UTF8.GetBytes(ScheduleIcs.Write(s)), ScheduleIcs.ContentType, s => $"{s.Slug}.ics", ct));
        schedule.MapGet("/schedule.json", (string slug, HttpContext context, [FromServices] ScheduleQueries schedules, CancellationToken ct) =>
            ScheduleFileAsync(slug, "schedule.json", context, schedules, (s, site) => Encoding.UTF8.GetBytes(C3vocSchedule.ToJson(s, site)), C3vocSchedule.JsonContentType, _ => null, ct));
        schedule.MapGet("/schedule.xml", (string slug, HttpContext context, [FromServices] ScheduleQueries schedules, CancellationToken ct) =>
            ScheduleFileAsync(slug, "schedule.xml", context, schedules, C3vocSchedule.ToXml, C3vocSchedule.XmlContentType, _ => null, ct));
        schedule.MapGet("/calendar/{token}.ics", PersonalCalendarAsync);
        schedule.MapGet("/archive.zip", ArchiveAsync).RequireAuthorization();
        schedule.MapGet("/follow-ups/{id:guid}.ics", FollowUpInviteAsync).RequireAuthorization();
        return schedule;
    }

    // A follow-up's invite file, for its starter, its invitees and the organizers (the same 404 for anyone else).
    private static async Task<IResult> FollowUpInviteAsync(
        string slug, Guid id, HttpContext context, [FromServices] Board.BoardQueries boards, [FromServices] FollowUps.FollowUpService followUps, CancellationToken ct)
    {
        var view = await boards.FindEventIdAsync(slug, ct) is { } eventId && Accounts.CurrentPerson.IdOf(context.User) is { } me
            ? await followUps.GetAsync(me, eventId, id, ct)
            : null;
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        var text = ScheduleIcs.Write(view.Invite, view.TimeZoneId, view.Times[0].StartsAt);
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(Encoding.UTF8.GetBytes(text), ScheduleIcs.ContentType, $"follow-up-{view.Id.ToString("N")[..8]}.ics");
    }

    // The secret token is the only credential: the same 404 for a wrong, old or missing one, and never cached by others.
    private static async Task<IResult> PersonalCalendarAsync(string slug, string token, HttpContext context, [FromServices] CalendarFeedService feeds, CancellationToken ct)
    {
        var feed = await feeds.FeedAsync(slug, token, ct);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        var result = await FileAsync(context, feed.EventId, $"calendar/{feed.PersonId}", Encoding.UTF8.GetBytes(feed.Text), ScheduleIcs.ContentType, fileName: null);
        context.Response.Headers.CacheControl = "private, no-cache";
        return result;
    }

    // Organizers only: a signed-in member who does not organize gets 403, an unknown event 404 (after the sign-in check).
    private static async Task<IResult> ArchiveAsync(
        string slug, HttpContext context, [FromServices] SessionArchive archives, [FromServices] ScheduleQueries schedules,
        [FromServices] Organize.OrganizeService organize, bool? includePrivate, CancellationToken ct)
    {
        var schedule = await schedules.LoadAsync(slug, ct);
        if (schedule is null)
        {
            return TypedResults.NotFound();
        }

        if (!await organize.IsOrganizerAsync(Accounts.CurrentPerson.IdOf(context.User), schedule.EventId, ct))
        {
            return TypedResults.Forbid();
        }

        var bytes = await archives.BuildAsync(schedule, includePrivate == true, ct);
        var result = await FileAsync(context, schedule.EventId, includePrivate == true ? "archive-with-private.zip" : "archive.zip", bytes, SessionArchive.ContentType,
            $"{slug}-archive{(includePrivate == true ? "-with-private" : string.Empty)}.zip");
        context.Response.Headers.CacheControl = "private, no-store";
        return result;
    }

    // One published schedule as a file: 404 for an unknown event, else its bytes with an ETag.
    private static async Task<IResult> ScheduleFileAsync(
        string slug, string name, HttpContext context, ScheduleQueries schedules, Func<EventSchedule, Uri, byte[]> write, string contentType,
        Func<EventSchedule, string?> fileName, CancellationToken ct)
    {
        var schedule = await schedules.LoadAsync(slug, ct);
        return schedule is null
            ? TypedResults.NotFound()
            : await FileAsync(context, schedule.EventId, name, write(schedule, BaseUrl(context)), contentType, fileName(schedule));
    }

    // Where this app is served, as the request (behind the TLS proxy: its forwarded scheme and host) says.
    private static Uri BaseUrl(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");

    // The bytes with an ETag and the instant they first were served; a request that already has them (by ETag, or by
    // date when it sends no ETag) gets 304 Not Modified and no body.
    private static async Task<FileContentHttpResult> FileAsync(HttpContext context, Guid eventId, string name, byte[] content, string contentType, string? fileName)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..32];
        var lastModified = await context.RequestServices.GetRequiredService<ExportStamps>().ChangedAtAsync(eventId, name, hash, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.File(content, contentType, fileName, enableRangeProcessing: false, lastModified, new EntityTagHeaderValue($"\"{hash}\""));
    }
}
