using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>
/// A person's rights over their data: download everything the app holds about them, and delete their account.
/// Only the caller's own data, and never another person's contact channels.
/// </summary>
public sealed class PersonalDataService(
    IDbContextFactory<AppDbContext> factory,
    IEventFeed feed,
    TimeProvider time,
    ILogger<PersonalDataService> logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // Hangul and other scripts as text, not \uXXXX: the file is for people to read.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The caller's data as an indented UTF-8 JSON document: profile with their own channels, account, memberships,
    /// cards (with the offers on them, solvers by display name), offers, sessions, contact requests (which channels
    /// each side shares, never the other side's values). Null when the caller is not a person.
    /// </summary>
    public async Task<PersonalDataExport?> ExportAsync(Guid callerId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var me = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == callerId && !p.IsErased, ct);
        if (me is null)
        {
            return null;
        }

        var account = await db.Users.AsNoTracking().Where(u => u.Id == callerId)
            .Select(u => new { u.UserName, u.Email, u.PhoneNumber, u.CreatedAt, HasPassword = u.PasswordHash != null })
            .FirstOrDefaultAsync(ct);
        var passkeys = account is null
            ? []
            : await db.UserPasskeys.AsNoTracking().Where(k => k.UserId == callerId)
                .Select(k => new { k.Data.Name, k.Data.CreatedAt }).ToListAsync(ct);

        var memberships = await (
            from m in db.Set<EventMember>().AsNoTracking()
            where m.PersonId == callerId
            join e in db.Events on m.EventId equals e.Id
            select new { Event = e.Slug, EventName = e.Name, m.Role, m.JoinedAt }).ToListAsync(ct);

        var events = await db.Events.AsNoTracking().Select(e => new { e.Id, e.Slug }).ToDictionaryAsync(e => e.Id, e => e.Slug, ct);

        var cards = await db.Cards.AsNoTracking().Include(c => c.Offers).Where(c => c.AuthorId == callerId).ToListAsync(ct);
        var drafts = await db.CardDrafts.AsNoTracking().Where(d => d.AuthorId == callerId).ToListAsync(ct);
        var solverIds = cards.SelectMany(c => c.Offers).Select(o => o.SolverId).Distinct().ToList();
        var solverNames = await db.People.AsNoTracking().Where(p => solverIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);

        var offers = await (
            from o in db.Set<Offer>().AsNoTracking()
            where o.SolverId == callerId
            join c in db.Cards on o.CardId equals c.Id
            select new { CardId = c.Id, CardTitle = c.Title, c.EventId, o.Kind, o.Note, o.CreatedAt, o.UpdatedAt }).ToListAsync(ct);

        var sessions = await (
            from s in db.Sessions.AsNoTracking()
            where s.ModeratorId == callerId || s.HaverId == callerId || s.Reservations.Any(r => r.PersonId == callerId)
            join c in db.Cards on s.CardId equals c.Id
            join room in db.Set<Room>() on s.RoomId equals room.Id
            join round in db.Set<Round>() on s.RoundId equals round.Id
            select new
            {
                s.Id, s.EventId, s.ModeratorId, s.HaverId, s.Status, s.ClaimedAt, s.ReleasedAt,
                CardTitle = c.Title, Room = room.Name, Round = round.Number, round.StartsAt,
                Seat = s.Reservations.Where(r => r.PersonId == callerId).Select(r => new { r.IsWaitlisted, r.CreatedAt }).FirstOrDefault(),
                Feedback = s.Feedback.Where(f => f.PersonId == callerId).Select(f => new { f.Rating, f.Length, f.Comment, f.GivenAt, f.UpdatedAt }).FirstOrDefault(),
                KudosReceived = s.Kudos.Where(k => k.ToId == callerId).Select(k => new { k.Note, k.GivenAt }).FirstOrDefault(),
                KudosGiven = s.Kudos.Where(k => k.FromId == callerId).Select(k => new { k.Note, k.GivenAt }).ToList(),
            }).ToListAsync(ct);

        var requests = await db.ContactRequests.AsNoTracking()
            .Where(r => r.RequesterId == callerId || r.RecipientId == callerId).ToListAsync(ct);
        var otherIds = requests.Select(r => r.OtherThan(callerId)).Distinct().ToList();
        // Names only: another person's channels never go into this document, whatever the request says.
        var otherNames = await db.People.AsNoTracking().Where(p => otherIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);

        var now = time.GetUtcNow();
        var document = new
        {
            exportedAt = now,
            about = "Everything Runaways' Alliance holds about you. Other people appear by display name only.",
            profile = new
            {
                id = me.Id,
                displayName = me.DisplayName,
                askMeAbout = me.AskMeAbout,
                createdAt = me.CreatedAt,
                contact = new { email = me.Contact.Email, phone = me.Contact.Phone, messenger = me.Contact.Messenger, linkedIn = me.Contact.LinkedIn },
                defaultSharedChannels = Channels.Names(me.DefaultSharedChannels),
            },
            account = account is null ? null : new
            {
                userName = account.UserName,
                email = account.Email,
                phoneNumber = account.PhoneNumber,
                createdAt = account.CreatedAt,
                hasPassword = account.HasPassword,
                passkeys = passkeys.Select(k => new { name = k.Name, createdAt = k.CreatedAt }),
            },
            memberships = memberships.Select(m => new { @event = m.Event, eventName = m.EventName, role = m.Role, joinedAt = m.JoinedAt }),
            cards = cards.OrderBy(c => c.CreatedAt).Select(c => new
            {
                id = c.Id,
                @event = events.GetValueOrDefault(c.EventId),
                title = c.Title,
                problem = c.Problem,
                helpWanted = c.HelpWanted,
                kind = c.Kind,
                tags = c.Tags,
                language = c.Language,
                status = c.Status,
                createdAt = c.CreatedAt,
                updatedAt = c.UpdatedAt,
                offers = c.Offers.OrderBy(o => o.CreatedAt).Select(o => new
                {
                    solver = solverNames.GetValueOrDefault(o.SolverId) ?? Person.ErasedName,
                    kind = o.Kind,
                    note = o.Note,
                    coreSolver = o.IsCoreSolver,
                    createdAt = o.CreatedAt,
                }),
            }),
            cardDrafts = drafts.OrderBy(d => d.CreatedAt).Select(d => new
            {
                @event = events.GetValueOrDefault(d.EventId),
                cardId = d.IsForNewCard ? (Guid?)null : d.CardId,
                title = d.Title,
                problem = d.Problem,
                helpWanted = d.HelpWanted,
                kind = d.Kind,
                tags = d.Tags,
                language = d.Language,
                updatedAt = d.UpdatedAt,
            }),
            offers = offers.OrderBy(o => o.CreatedAt).Select(o => new
            {
                cardId = o.CardId,
                cardTitle = o.CardTitle,
                @event = events.GetValueOrDefault(o.EventId),
                kind = o.Kind,
                note = o.Note,
                createdAt = o.CreatedAt,
                updatedAt = o.UpdatedAt,
            }),
            sessions = sessions.OrderBy(s => s.StartsAt).Select(s => new
            {
                id = s.Id,
                @event = events.GetValueOrDefault(s.EventId),
                card = s.CardTitle,
                room = s.Room,
                round = s.Round,
                startsAt = s.StartsAt,
                status = s.Status,
                youModerated = s.ModeratorId == callerId,
                yourCard = s.HaverId == callerId,
                yourSeat = s.Seat is null ? null : new { waitlisted = s.Seat.IsWaitlisted, reservedAt = s.Seat.CreatedAt },
                thanksReceived = s.KudosReceived is null ? null : new { note = s.KudosReceived.Note, givenAt = s.KudosReceived.GivenAt },
                thanksGiven = s.KudosGiven.Select(k => new { note = k.Note, givenAt = k.GivenAt }),
                yourFeedback = s.Feedback is null ? null : new
                {
                    rating = s.Feedback.Rating,
                    length = s.Feedback.Length,
                    comment = s.Feedback.Comment,
                    givenAt = s.Feedback.GivenAt,
                    updatedAt = s.Feedback.UpdatedAt,
                },
                claimedAt = s.ClaimedAt,
                releasedAt = s.ReleasedAt,
            }),
            contactRequests = requests.OrderBy(r => r.CreatedAt).Select(r => new
            {
                id = r.Id,
                direction = r.RequesterId == callerId ? "sent" : "received",
                otherPerson = otherNames.GetValueOrDefault(r.OtherThan(callerId)) ?? Person.ErasedName,
                status = r.Status,
                createdAt = r.CreatedAt,
                answeredAt = r.AnsweredAt,
                youShare = Channels.Names(r.RequesterId == callerId ? r.RequesterShares : r.RecipientShares),
                theyShare = Channels.Names(r.RequesterId == callerId ? r.RecipientShares : r.RequesterShares),
            }),
        };

        var json = JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions);
        logger.LogInformation("Person {PersonId} downloaded their data", callerId);
        var fileName = string.Create(CultureInfo.InvariantCulture, $"runaways-my-data-{now:yyyy-MM-dd}.json");
        return new PersonalDataExport(fileName, json);
    }

    /// <summary>
    /// The events the person is the only organizer of (slug and name): their account cannot be deleted until
    /// someone else organizes those (ADR 0007), so the delete page names them before the person confirms.
    /// </summary>
    public async Task<IReadOnlyList<(string Slug, string Name)>> EventsOnlyOrganizedByAsync(Guid personId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var members = db.Set<EventMember>();
        var events = await db.Events.AsNoTracking()
            .Where(e => members.Any(m => m.EventId == e.Id && m.PersonId == personId && m.Role == EventRole.Organizer) &&
                        !members.Any(m => m.EventId == e.Id && m.PersonId != personId && m.Role == EventRole.Organizer))
            .Select(e => new { e.Slug, e.Name })
            .ToListAsync(ct);
        return events.OrderBy(e => e.Name, StringComparer.CurrentCulture).Select(e => (e.Slug, e.Name)).ToList();
    }

    /// <summary>
    /// Deletes the caller's account: the person is erased (no name, no profile, no channels), leaves every event,
    /// loses their offers, seats and contact requests (both directions), and the sign-in account is removed.
    /// Cards are kept without a name, or deleted when <paramref name="cards"/> says so; a card that is or was
    /// placed in a session is always kept without a name, because the session and its record refer to it.
    /// Sessions the person moderated stay, showing no name. All in one transaction.
    /// </summary>
    public async Task<ServiceResult> DeleteAccountAsync(Guid callerId, CardsOnDelete cards, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(cards))
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.ChooseCardsOnDelete, PeopleMessages.ChooseCards));
        }

        await using var db = factory.CreateDbContext();
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == callerId && !p.IsErased, ct);
        if (person is null)
        {
            return ServiceResult.Forbidden(new RuleMessage(RuleCode.NoSuchPerson, PeopleMessages.NoSuchPerson));
        }

        var touched = new HashSet<Guid>();

        var memberOf = await db.Events.Include(e => e.Members).Where(e => e.Members.Any(m => m.PersonId == callerId)).ToListAsync(ct);
        try
        {
            foreach (var evt in memberOf)
            {
                evt.RemoveMember(callerId);
                touched.Add(evt.Id);
            }
        }
        catch (DomainException ex)
        {
            // The last organizer must hand over first; nothing has been saved yet.
            return ServiceResult.Rejected(ex);
        }

        var offeredOn = await db.Cards.Include(c => c.Offers).Where(c => c.Offers.Any(o => o.SolverId == callerId)).ToListAsync(ct);
        foreach (var card in offeredOn)
        {
            card.WithdrawOffer(callerId);
            touched.Add(card.EventId);
        }

        // Seats go through their sessions, so that the seat counts move (a seat race elsewhere sees it) and the
        // longest-waiting person gets a freed seat.
        var seated = await db.Sessions.Include(s => s.Reservations).Include(s => s.Seats)
            .Where(s => s.Reservations.Any(r => r.PersonId == callerId)).AsSplitQuery().ToListAsync(ct);
        foreach (var session in seated)
        {
            session.CancelSeat(callerId);
            touched.Add(session.EventId);
        }

        var requests = await db.ContactRequests.Where(r => r.RequesterId == callerId || r.RecipientId == callerId).ToListAsync(ct);
        db.ContactRequests.RemoveRange(requests);
        // Feedback goes with the person: a comment is their words, and a rating tied to them is theirs.
        db.Set<SessionFeedback>().RemoveRange(await db.Set<SessionFeedback>().Where(f => f.PersonId == callerId).ToListAsync(ct));
        // Thanks given and received go too: each names the person.
        db.Set<Kudos>().RemoveRange(await db.Set<Kudos>().Where(k => k.FromId == callerId || k.ToId == callerId).ToListAsync(ct));
        db.CardDrafts.RemoveRange(await db.CardDrafts.Where(d => d.AuthorId == callerId).ToListAsync(ct));
        var feedStamp = $"calendar/{callerId}";
        db.ExportStamps.RemoveRange(await db.ExportStamps.Where(s => s.Name == feedStamp).ToListAsync(ct));

        var deletedCards = 0;
        var authored = await db.Cards.Where(c => c.AuthorId == callerId)
            .Select(c => new { c.Id, c.EventId, Placed = db.Sessions.Any(s => s.CardId == c.Id) })
            .ToListAsync(ct);
        touched.UnionWith(authored.Select(c => c.EventId));
        if (cards == CardsOnDelete.Delete)
        {
            var unplaced = authored.Where(c => !c.Placed).Select(c => c.Id).ToList();
            var doomed = await db.Cards.Include(c => c.Offers).Where(c => unplaced.Contains(c.Id)).ToListAsync(ct);
            db.Cards.RemoveRange(doomed);
            deletedCards = doomed.Count;
        }

        touched.UnionWith(await db.Sessions.Where(s => s.ModeratorId == callerId || s.HaverId == callerId).Select(s => s.EventId).ToListAsync(ct));

        person.Erase();
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == callerId, ct);
        if (account is not null)
        {
            // Passkeys, logins, tokens and roles go with it (cascading foreign keys).
            db.Users.Remove(account);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            return ServiceResult.Rejected(ex);
        }

        logger.LogInformation(
            "Person {PersonId} deleted their account: left {EventCount} events, {OfferCount} offers, {RequestCount} contact requests removed, {CardCount} cards deleted ({Cards})",
            callerId, memberOf.Count, offeredOn.Count, requests.Count, deletedCards, cards);
        foreach (var eventId in touched)
        {
            await feed.PublishAsync(new EventChange(eventId, ChangeKind.Event, callerId), CancellationToken.None);
        }

        return ServiceResult.Ok;
    }
}
