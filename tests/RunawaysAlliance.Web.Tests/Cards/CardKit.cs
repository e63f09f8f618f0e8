using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>A card and its offers as stored, flattened so that two reads compare by value ("nothing changed").</summary>
public sealed record StoredCard(
    Guid Id, Guid EventId, Guid AuthorId, string Title, string Problem, string HelpWanted, CardKind Kind, string Tags,
    string Language, CardStatus Status, int Revision, string Offers);

public sealed record StoredOffer(Guid SolverId, OfferKind Kind, string Note, bool IsCoreSolver);

public sealed record StoredDraft(
    Guid AuthorId, Guid EventId, Guid CardId, string Title, string Problem, string HelpWanted, CardKind Kind, string Tags, string Language, int BaseRevision);

/// <summary>The card services of a test app, and the store read and arranged the way the card tests need it.</summary>
internal static class CardKit
{
    /// <summary>How long a live board may take to deliver a snapshot.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static CardService CardService(this TestApp app) => app.Services.GetRequiredService<CardService>();

    public static CardQueries CardQueries(this TestApp app) => app.Services.GetRequiredService<CardQueries>();

    /// <summary>A card as a person would fill in the form: Hangul, an emoji, tags with '#', and a language.</summary>
    public static CardContent Content(
        string title = "동네 수리 카페 🛠️ 함께 열 사람",
        string problem = "한 달에 한 번 고장 난 물건을 같이 고치는 모임을 열고 싶어요.",
        IReadOnlyList<string>? tags = null,
        string language = "ko",
        string? helpWanted = "공간, 수리 경험",
        CardKind kind = CardKind.NonCommercial) =>
        new(title, problem, helpWanted, kind, tags ?? ["#수리", "community"], language);

    /// <summary>Posts a card that must be accepted, and returns its id.</summary>
    public static async Task<Guid> PostCardAsync(this TestApp app, Guid authorId, Guid eventId, CardContent? content = null)
    {
        var result = await app.CardService().PostAsync(authorId, eventId, content ?? Content(), Ct);
        result.Succeeded.Should().BeTrue(result.Error);
        return result.CreatedId!.Value;
    }

    /// <summary>Makes an offer that must be accepted.</summary>
    public static async Task OfferAsync(this TestApp app, Guid solverId, Guid cardId, OfferKind kind = OfferKind.CanHelp, string? note = "I ran something like it")
    {
        var result = await app.CardService().OfferAsync(solverId, cardId, kind, kind == OfferKind.CanHelp ? note : null, Ct);
        result.Succeeded.Should().BeTrue(result.Error);
    }

    /// <summary>A person, and (when <paramref name="eventId"/> is given) a member of that event.</summary>
    public static async Task<Guid> AddPersonAsync(this TestApp app, string name, Guid? eventId = null, EventRole role = EventRole.Attendee)
    {
        await using var db = app.Store.CreateDbContext();
        var person = new Person(Guid.NewGuid(), name, DateTimeOffset.UtcNow);
        db.People.Add(person);
        if (eventId is { } id)
        {
            var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == id, Ct);
            evt.AddMember(person.Id, role, DateTimeOffset.UtcNow);
        }

        await db.SaveChangesAsync(Ct);
        return person.Id;
    }

    /// <summary>A new event in the Setup phase, with one room, one round and the given members.</summary>
    public static async Task<Guid> AddEventAsync(this TestApp app, string slug, params (Guid PersonId, EventRole Role)[] members)
    {
        await using var db = app.Store.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var evt = new Event(Guid.NewGuid(), slug, $"Event {slug}", "Seoul", Event.DefaultTimeZoneId, now);
        evt.AddRoom("Hall", 20);
        evt.AddRound(now.AddDays(7));
        foreach (var (personId, role) in members)
        {
            evt.AddMember(personId, role, now);
        }

        db.Events.Add(evt);
        await db.SaveChangesAsync(Ct);
        return evt.Id;
    }

    /// <summary>Lets one person have many open cards (tests of other limits post more than the default five).</summary>
    public static async Task AllowManyCardsAsync(this TestApp app, Guid eventId)
    {
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.SingleAsync(e => e.Id == eventId, Ct);
        evt.SetLimits(evt.GuestsPerHour, Event.MaxCardsPerPerson);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Moves an event forward to <paramref name="phase"/>, as an organizer would.</summary>
    public static async Task AdvanceAsync(this TestApp app, Guid eventId, EventPhase phase)
    {
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.Include(e => e.Rooms).Include(e => e.Rounds).AsSplitQuery().SingleAsync(e => e.Id == eventId, Ct);
        evt.AdvanceTo(phase);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>
    /// Someone who may not act in the demo event: an id nobody has ("unknown"), a person in no event ("stranger"),
    /// or a member of another event whose marketplace is open ("other-event").
    /// </summary>
    public static async Task<Guid> OutsiderAsync(this TestApp app, string who)
    {
        switch (who)
        {
            case "unknown":
                return Guid.NewGuid();
            case "stranger":
                return await app.AddPersonAsync("Stranger");
            case "other-event":
                var visitor = await app.AddPersonAsync("Visitor");
                var other = await app.AddEventAsync("another-evening", (visitor, EventRole.Organizer));
                await app.AdvanceAsync(other, EventPhase.Marketplace);
                return visitor;
            default:
                throw new ArgumentOutOfRangeException(nameof(who), who, "unknown, stranger or other-event");
        }
    }

    /// <summary>Reserves a seat (or a waitlist place) in a session through the domain, as the seat feature will.</summary>
    public static async Task<bool> ReserveSeatAsync(this TestApp app, Guid sessionId, Guid personId)
    {
        await using var db = app.Store.CreateDbContext();
        var session = await db.Sessions.Include(s => s.Reservations).Include(s => s.Seats).SingleAsync(s => s.Id == sessionId, Ct);
        var reservation = session.ReserveSeat(personId, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Ct);
        return reservation.IsWaitlisted;
    }

    /// <summary>Every card of every event with its offers, in a stable order.</summary>
    public static async Task<IReadOnlyList<StoredCard>> ReadCardsAsync(this TestApp app)
    {
        await using var db = app.Store.CreateDbContext();
        var cards = await db.Cards.AsNoTracking().Include(c => c.Offers).ToListAsync(Ct);
        return [.. cards.OrderBy(c => c.Id).Select(ToStored)];
    }

    public static async Task<StoredCard> ReadCardAsync(this TestApp app, Guid cardId)
    {
        await using var db = app.Store.CreateDbContext();
        return ToStored(await db.Cards.AsNoTracking().Include(c => c.Offers).SingleAsync(c => c.Id == cardId, Ct));
    }

    public static async Task<IReadOnlyList<StoredOffer>> ReadOffersAsync(this TestApp app, Guid cardId)
    {
        await using var db = app.Store.CreateDbContext();
        var offers = await db.Set<Offer>().AsNoTracking().Where(o => o.CardId == cardId).ToListAsync(Ct);
        return [.. offers.OrderBy(o => o.SolverId).Select(o => new StoredOffer(o.SolverId, o.Kind, o.Note, o.IsCoreSolver))];
    }

    /// <summary>Every draft of everyone, in a stable order.</summary>
    public static async Task<IReadOnlyList<StoredDraft>> ReadDraftsAsync(this TestApp app)
    {
        await using var db = app.Store.CreateDbContext();
        var drafts = await db.CardDrafts.AsNoTracking().ToListAsync(Ct);
        return [.. drafts.OrderBy(d => d.Id).Select(d => new StoredDraft(
            d.AuthorId, d.EventId, d.CardId, d.Title, d.Problem, d.HelpWanted, d.Kind, d.Tags, d.Language, d.BaseRevision))];
    }

    public static async Task<BoardSnapshot> BoardAsync(this TestApp app, Guid eventId)
    {
        var board = await app.Services.GetRequiredService<BoardQueries>().LoadAsync(eventId, Ct);
        board.Should().NotBeNull();
        return board!;
    }

    private static StoredCard ToStored(ProblemCard c) => new(
        c.Id, c.EventId, c.AuthorId, c.Title, c.Problem, c.HelpWanted, c.Kind, string.Join('|', c.Tags), c.Language, c.Status, c.Revision,
        string.Join(';', c.Offers.OrderBy(o => o.SolverId).Select(o => $"{o.SolverId}:{o.Kind}:{o.Note}:{o.IsCoreSolver}")));
}
