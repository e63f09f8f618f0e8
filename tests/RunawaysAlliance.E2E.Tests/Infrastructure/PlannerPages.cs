using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Organize;
using RunawaysAlliance.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>One line of the plan preview as the organizer reads it: the card and the slot and moderator it names.</summary>
internal sealed record PreviewedChange(Guid CardId, string CardTitle, string RoomName, int RoundNumber, string ModeratorName)
{
    public string SlotLabel => $"{RoomName} · Round {RoundNumber}";
}

/// <summary>The plan page ("Suggest an arrangement"), and making a joined person an organizer through the app's own service.</summary>
internal static partial class PlannerPages
{
    public const string Plan = BoardPages.DemoBoard + "/plan";

    /// <summary>The demo event's organizer, who promotes the test's organizer.</summary>
    public const string DemoOrganizer = "Mina";

    /// <summary>A suggestion thinks for up to its time limit; this bound covers the limit and a slow, shared machine.</summary>
    public const float SuggestTimeout = 45_000;

    public static ILocator PlanSuggest(this IPage page) => page.Locator("[data-testid=plan-suggest]");

    public static ILocator PlanPreview(this IPage page) => page.Locator("[data-testid=plan-preview]");

    public static ILocator PlanChanges(this IPage page) => page.Locator("[data-testid=plan-change]");

    public static ILocator PlanApply(this IPage page) => page.Locator("[data-testid=plan-apply]");

    public static ILocator PlanMessage(this IPage page) => page.Locator("[data-testid=plan-message]");

    public static ILocator PlanLink(this IPage page) => page.Locator("[data-testid=plan-link]");

    public static ILocator SlotTitle(this IPage page, string room, int round) => page.Slot(room, round).Locator("[data-testid=slot-title]");

    /// <summary>Picks the time limit, asks for a suggestion and waits for the preview (the button is enabled again when it is done).</summary>
    public static async Task SuggestAsync(this IPage page, int seconds)
    {
        await Expect(page.PlanSuggest()).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = BoardPages.Timeout });
        await page.Locator("[data-testid=plan-time-limit]").SelectOptionAsync(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.PlanSuggest().ClickAsync();
        await Expect(page.PlanPreview()).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = SuggestTimeout });
        await Expect(page.PlanSuggest()).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = SuggestTimeout });
    }

    /// <summary>Reads every line of the preview: the card id from data-card, the rest from the text the organizer sees.</summary>
    public static async Task<IReadOnlyList<PreviewedChange>> ReadPreviewAsync(this IPage page)
    {
        var changes = new List<PreviewedChange>();
        foreach (var item in await page.PlanChanges().AllAsync())
        {
            var card = Guid.Parse(await item.GetAttributeAsync("data-card") ?? throw new InvalidOperationException("A plan change has no data-card."));
            var title = Normalize(await item.Locator("strong").TextContentAsync());
            var target = Normalize(await item.Locator("span").First.TextContentAsync());
            var match = Target().Match(target);
            if (!match.Success)
            {
                throw new InvalidOperationException($"The plan change '{title}' says '{target}', not '→ Room · Round N · Moderator: name'.");
            }

            changes.Add(new PreviewedChange(card, title, match.Groups["room"].Value, int.Parse(match.Groups["round"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["moderator"].Value));
        }

        return changes;
    }

    /// <summary>The demo event's id.</summary>
    public static async Task<Guid> DemoEventIdAsync(RunawaysApp app, CancellationToken ct)
    {
        await using var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == DemoEvent.Slug).Select(e => e.Id).SingleAsync(ct);
    }

    /// <summary>The person with this display name (names in these tests carry a unique suffix; the demo's are unique).</summary>
    public static async Task<Guid> PersonIdAsync(RunawaysApp app, string displayName, CancellationToken ct)
    {
        await using var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.People.AsNoTracking().Where(p => p.DisplayName == displayName).Select(p => p.Id).SingleAsync(ct);
    }

    /// <summary>The demo organizer makes a joined person an organizer, through OrganizeService as the organizer console does.</summary>
    public static async Task PromoteToOrganizerAsync(RunawaysApp app, string displayName, CancellationToken ct)
    {
        var eventId = await DemoEventIdAsync(app, ct);
        var mina = await PersonIdAsync(app, DemoOrganizer, ct);
        var person = await PersonIdAsync(app, displayName, ct);
        var result = await app.GetRequiredService<OrganizeService>().SetRoleAsync(mina, eventId, person, EventRole.Organizer, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{DemoOrganizer} could not make {displayName} an organizer: {result.Failure} {result.Error}");
        }
    }

    /// <summary>
    /// The previewed change claimed by hand, as the moderator the planner picked would do it from the board:
    /// through SessionService, with the ids looked up from the names the preview shows.
    /// </summary>
    public static async Task<DemoClaim> ClaimAsModeratorAsync(RunawaysApp app, PreviewedChange change, CancellationToken ct)
    {
        DemoClaim claim;
        await using (var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var evt = await db.Events.AsNoTracking()
                .Include(e => e.Rooms)
                .Include(e => e.Rounds)
                .Include(e => e.Members)
                .AsSplitQuery()
                .SingleAsync(e => e.Slug == DemoEvent.Slug, ct);
            var moderators = evt.Members.Where(m => m.Role == EventRole.Moderator).Select(m => m.PersonId).ToList();
            var moderator = await db.People.AsNoTracking()
                .Where(p => p.DisplayName == change.ModeratorName && moderators.Contains(p.Id))
                .Select(p => p.Id)
                .SingleAsync(ct);
            var room = evt.Rooms.Single(r => r.Name == change.RoomName);
            var round = evt.Rounds.Single(r => r.Number == change.RoundNumber);
            claim = new DemoClaim(evt.Id, moderator, change.CardId, change.CardTitle, room.Id, room.Name, round.Id, round.Number);
        }

        await app.GetRequiredService<SessionService>().ClaimAsync(claim, ct);
        return claim;
    }

    /// <summary>The cards among <paramref name="cardIds"/> that have an active session now, with its slot.</summary>
    public static async Task<IReadOnlyList<string>> PlacedAsync(RunawaysApp app, IEnumerable<Guid> cardIds, CancellationToken ct)
    {
        var ids = cardIds.ToList();
        await using var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var evt = await db.Events.AsNoTracking()
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .AsSplitQuery()
            .SingleAsync(e => e.Slug == DemoEvent.Slug, ct);
        var sessions = await db.ActiveSessionsOf(evt.Id).AsNoTracking().Where(s => ids.Contains(s.CardId)).ToListAsync(ct);
        return [.. sessions.Select(s => $"{s.CardId} in {evt.Rooms.Single(r => r.Id == s.RoomId).Name} · Round {evt.Rounds.Single(r => r.Id == s.RoundId).Number}")];
    }

    /// <summary>
    /// Gives back (as the demo organizer, through SessionService) every active session of these cards, so that the
    /// next test of the class finds the demo board as seeded, whatever order the tests run in.
    /// </summary>
    public static async Task ReleaseCardsAsync(RunawaysApp app, IEnumerable<Guid> cardIds)
    {
        var ids = cardIds.ToList();
        var eventId = await DemoEventIdAsync(app, CancellationToken.None);
        var mina = await PersonIdAsync(app, DemoOrganizer, CancellationToken.None);
        List<Guid> sessions;
        await using (var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            sessions = await db.Sessions.AsNoTracking()
                .Where(s => s.EventId == eventId && s.Status == SessionStatus.Active && ids.Contains(s.CardId))
                .Select(s => s.Id)
                .ToListAsync();
        }

        var service = app.GetRequiredService<SessionService>();
        foreach (var session in sessions)
        {
            var result = await service.ReleaseAsync(mina, eventId, session, CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Releasing session {session} as {DemoOrganizer} failed: {result.Failure} {result.Error}");
            }
        }
    }

    private static string Normalize(string? text) => Whitespace().Replace(text ?? string.Empty, " ").Trim();

    [GeneratedRegex(@"^→ (?<room>.+?) · Round (?<round>\d+) · Moderator: (?<moderator>.+)$")]
    private static partial Regex Target();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
