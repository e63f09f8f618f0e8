using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// The marketplace's mutations: posting, editing and withdrawing cards, offers of help, core solvers and
/// drafts. Every call goes through the <see cref="EventGate"/>: the caller must be a member of the event, and
/// every change is published on the event feed.
/// </summary>
public sealed class CardService(
    IDbContextFactory<AppDbContext> factory,
    EventGate gate,
    RateLimits limits,
    ILogger<CardService> logger)
{
    public const string NotAMember = "Join this event first: only its attendees can post cards and offers.";
    public const string NoSuchCard = "That card is not on the board any more.";
    public const string NotYourCard = "Only the card's author can change it.";
    public const string NoSuchEvent = "That event does not exist.";

    // A lost race (two saves at once) is retried with fresh data; the domain then decides again, so that a
    // real conflict (an edit from another tab) is reported and a harmless one (an offer arriving) is not.
    private const int Attempts = 3;

    private static readonly RuleMessage NotYours = new(RuleCode.NotYourCard, NotYourCard);

    /// <summary>
    /// Whether the caller may post a card in the event now (a member, the marketplace open for them, fewer open
    /// cards than the event allows one person, for a new card), so that a form can say so before anyone types; the mutations
    /// check again. Saves nothing.
    /// </summary>
    public Task<ServiceResult> CheckCanPostAsync(Guid callerId, Guid eventId, bool isNewCard = true, CancellationToken ct = default) =>
        gate.RunAsync(Member(callerId, eventId), async access =>
        {
            if (isNewCard)
            {
                var openCards = await access.Db.Cards.CountAsync(c => c.EventId == eventId && c.AuthorId == callerId && c.Status == CardStatus.Open, ct);
                access.Event.EnsureCanPostCard(access.Caller, openCards);
            }
            else
            {
                access.Event.EnsureMarketplaceOpenFor(access.Caller);
            }

            return ServiceResult.Ok;
        }, ct);

    /// <summary>Posts a new card by the caller, a member of the event; removes the caller's draft of it.</summary>
    public async Task<ServiceResult> PostAsync(Guid callerId, Guid eventId, CardContent content, CancellationToken ct = default)
    {
        var result = await gate.RunAsync(Member(callerId, eventId), async access =>
        {
            access.Event.EnsureMarketplaceOpenFor(access.Caller);
            var card = new ProblemCard(Guid.NewGuid(), eventId, callerId, content, access.Now);
            var openCards = await access.Db.Cards.CountAsync(c => c.EventId == eventId && c.AuthorId == callerId && c.Status == CardStatus.Open, ct);
            access.Event.EnsureCanPostCard(access.Caller, openCards);

            // Checked after the input so that a refused form does not use up the person's allowance.
            var decision = limits.TryPost(callerId);
            if (!decision.IsAllowed)
            {
                return TooMany(decision);
            }

            access.Db.Cards.Add(card);
            await RemoveDraftAsync(access.Db, callerId, eventId, Guid.Empty, ct);
            access.Announce(ChangeKind.Card, card.Id);
            return ServiceResult.Created(card.Id);
        }, ct);

        if (result.CreatedId is { } cardId)
        {
            logger.LogInformation("Card {CardId} posted in event {EventId}", cardId, eventId);
        }

        return result;
    }

    /// <summary>The author changes their card, from the revision they saw; removes their draft of the edit.</summary>
    public Task<ServiceResult> EditAsync(Guid callerId, Guid cardId, CardContent content, int expectedRevision, CancellationToken ct = default) =>
        ChangeCardAsync(callerId, cardId, ChangeKind.Card, async (access, card) =>
        {
            if (card.AuthorId != callerId)
            {
                return ServiceResult.Forbidden(NotYours);
            }

            card.Edit(content, expectedRevision, access.Now);
            await RemoveDraftAsync(access.Db, callerId, card.EventId, card.Id, ct);
            return ServiceResult.Ok;
        }, isTakingBack: false, ct);

    /// <summary>The author takes their card off the board; a scheduled card must be released first.</summary>
    public Task<ServiceResult> WithdrawAsync(Guid callerId, Guid cardId, int? expectedRevision = null, CancellationToken ct = default) =>
        ChangeCardAsync(callerId, cardId, ChangeKind.Card, async (access, card) =>
        {
            if (card.AuthorId != callerId)
            {
                return ServiceResult.Forbidden(NotYours);
            }

            card.Withdraw(access.Now, expectedRevision);
            await RemoveDraftAsync(access.Db, callerId, card.EventId, card.Id, ct);
            return ServiceResult.Ok;
        }, isTakingBack: false, ct);

    /// <summary>The caller offers help on a card ("I can help" with a one-line note, or "curious"), or changes their offer.</summary>
    public Task<ServiceResult> OfferAsync(Guid callerId, Guid cardId, OfferKind kind, string? note, CancellationToken ct = default)
    {
        // Validate first (a refused note costs nothing), then count it against the person's allowance, once:
        // a retry after a lost race is not another post.
        RateLimitDecision? decision = null;
        return ChangeCardAsync(callerId, cardId, ChangeKind.Offer, (access, card) =>
        {
            card.MakeOffer(callerId, kind, note, access.Now);
            decision ??= limits.TryPost(callerId);
            return Task.FromResult(decision.IsAllowed ? ServiceResult.Ok : TooMany(decision));
        }, isTakingBack: false, ct);
    }

    /// <summary>The caller takes back their offer on a card.</summary>
    public Task<ServiceResult> WithdrawOfferAsync(Guid callerId, Guid cardId, CancellationToken ct = default) =>
        ChangeCardAsync(callerId, cardId, ChangeKind.Offer, (_, card) =>
        {
            card.WithdrawOffer(callerId);
            return Task.FromResult(ServiceResult.Ok);
        }, isTakingBack: true, ct);

    /// <summary>The card's author picks or unpicks a solver as one they want at the table.</summary>
    public Task<ServiceResult> SetCoreSolverAsync(Guid callerId, Guid cardId, Guid solverId, bool isCore, CancellationToken ct = default) =>
        ChangeCardAsync(callerId, cardId, ChangeKind.Offer, async (access, card) =>
        {
            if (card.AuthorId != callerId)
            {
                return ServiceResult.Forbidden(new RuleMessage(RuleCode.OnlyAuthorPicks, CardMessages.OnlyAuthorPicks));
            }

            card.MarkCoreSolver(callerId, solverId, isCore, access.Now);
            // The limit of core solvers spans the card's offers: save through the card's version, so that two
            // picks at once cannot both see "five picked" (the loser is retried and the domain counts again).
            access.Db.Entry(card).State = EntityState.Modified;
            if (isCore && card.SessionId is { } placed)
            {
                // Core solvers hold seats (issue 10): one picked after the claim takes a seat, or a waitlist place.
                var session = await access.Db.Sessions.Include(s => s.Seats).Include(s => s.Reservations)
                    .AsSplitQuery()
                    .FirstOrDefaultAsync(s => s.Id == placed && s.Status == SessionStatus.Active, ct);
                if (session is not null && session.Reservations.All(r => r.PersonId != solverId) && session.ModeratorId != solverId)
                {
                    await SeatService.LeaveOtherSessionsOfRoundAsync(access, session, solverId, ct);
                    session.ReserveSeat(solverId, access.Now);
                }
            }

            return ServiceResult.Ok;
        }, isTakingBack: false, ct);

    /// <summary>The caller's draft for a new card (<paramref name="cardId"/> empty) or for an edit of their card.</summary>
    public async Task<CardDraftView?> GetDraftAsync(Guid callerId, Guid eventId, Guid cardId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.CardDrafts.AsNoTracking()
            .Where(d => d.AuthorId == callerId && d.EventId == eventId && d.CardId == cardId)
            .Select(d => new CardDraftView(new CardDraftInput(d.Title, d.Problem, d.HelpWanted, d.Kind, d.Tags, d.Language), d.BaseRevision, d.UpdatedAt))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Keeps what the caller typed so far. Drafts are limited far more generously than posts (the form saves
    /// them while the person types, once per pause), bounded in size, and only their author can write them.
    /// </summary>
    public Task<ServiceResult> SaveDraftAsync(Guid callerId, Guid eventId, Guid cardId, CardDraftInput input, int baseRevision, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var decision = limits.TrySaveDraft(callerId);
        if (!decision.IsAllowed)
        {
            return Task.FromResult(TooMany(decision));
        }

        // The same person's other tab may create the draft a moment before this save: then update that one.
        var request = Member(callerId, eventId) with
        {
            Attempts = Attempts,
            IsLostRace = ex => ex is DbUpdateException update && StoreErrors.IsUniqueViolation(update),
        };
        return gate.RunAsync(request, async access =>
        {
            if (cardId != Guid.Empty &&
                !await access.Db.Cards.AnyAsync(c => c.Id == cardId && c.EventId == eventId && c.AuthorId == callerId, ct))
            {
                return ServiceResult.Forbidden(NotYours);
            }

            var draft = await access.Db.CardDrafts.FirstOrDefaultAsync(d => d.AuthorId == callerId && d.EventId == eventId && d.CardId == cardId, ct);
            if (draft is null)
            {
                draft = new CardDraft(Guid.NewGuid(), eventId, callerId, cardId, baseRevision, access.Now);
                access.Db.CardDrafts.Add(draft);
            }

            draft.Update(input.Title, input.Problem, input.HelpWanted, input.Kind, input.Tags, input.Language, access.Now);
            return ServiceResult.Ok;
        }, ct);
    }

    /// <summary>Throws away the caller's draft (the form's "discard").</summary>
    public async Task DiscardDraftAsync(Guid callerId, Guid eventId, Guid cardId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        await db.CardDrafts.Where(d => d.AuthorId == callerId && d.EventId == eventId && d.CardId == cardId).ExecuteDeleteAsync(ct);
    }

    /// <summary>The message for a person who posted faster than the limit.</summary>
    public static string TooManyMessage(int retryAfterSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"You are posting quickly. Try again in {retryAfterSeconds} seconds.");

    private static EventRequest Member(Guid callerId, Guid eventId) =>
        new(callerId, eventId, EventRole.Attendee, new RuleMessage(RuleCode.NotAMember, NotAMember));

    private async Task<ServiceResult> ChangeCardAsync(
        Guid callerId,
        Guid cardId,
        ChangeKind kind,
        Func<EventAccess, ProblemCard, Task<ServiceResult>> change,
        bool isTakingBack,
        CancellationToken ct)
    {
        // The card names its event; a card the caller may not see is "not there" before any role is checked.
        Guid? eventId;
        await using (var db = factory.CreateDbContext())
        {
            var found = await db.Cards.AsNoTracking().Where(c => c.Id == cardId)
                .Select(c => new { c.EventId, c.Status, c.AuthorId }).FirstOrDefaultAsync(ct);
            eventId = found is null || IsGone(found.Status, found.AuthorId, callerId, isTakingBack) ? null : found.EventId;
        }

        if (eventId is null)
        {
            return ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchCard, NoSuchCard));
        }

        return await gate.RunAsync(Member(callerId, eventId.Value) with { Attempts = Attempts }, async access =>
        {
            var card = await access.Db.Cards.Include(c => c.Offers).FirstOrDefaultAsync(c => c.Id == cardId, ct);
            if (card is null || IsGone(card.Status, card.AuthorId, callerId, isTakingBack))
            {
                return ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchCard, NoSuchCard));
            }

            if (!isTakingBack)
            {
                access.Event.EnsureMarketplaceOpenFor(access.Caller);
            }

            var outcome = await change(access, card);
            if (outcome.Succeeded)
            {
                access.Announce(kind, card.Id);
            }

            return outcome;
        }, ct);
    }

    // A withdrawn card is gone for everyone but its author; taking one's own offer back works on a withdrawn
    // card and in an archived event: a name can always go.
    private static bool IsGone(CardStatus status, Guid authorId, Guid callerId, bool isTakingBack) =>
        status == CardStatus.Withdrawn && authorId != callerId && !isTakingBack;

    private static async Task RemoveDraftAsync(AppDbContext db, Guid authorId, Guid eventId, Guid cardId, CancellationToken ct)
    {
        var draft = await db.CardDrafts.FirstOrDefaultAsync(d => d.AuthorId == authorId && d.EventId == eventId && d.CardId == cardId, ct);
        if (draft is not null)
        {
            db.CardDrafts.Remove(draft);
        }
    }

    private static ServiceResult TooMany(RateLimitDecision decision) =>
        ServiceResult.TooMany(new RuleMessage(RuleCode.PostingTooFast, TooManyMessage(decision.RetryAfterSeconds), decision.RetryAfterSeconds), decision.RetryAfterSeconds);
}

/// <summary>What the card form holds, as typed (tags as one string); nothing checked yet.</summary>
public sealed record CardDraftInput(string? Title, string? Problem, string? HelpWanted, CardKind Kind, string? Tags, string? Language);

/// <summary>A saved draft: what was typed, the card revision an edit began from, and when it was saved.</summary>
public sealed record CardDraftView(CardDraftInput Input, int BaseRevision, DateTimeOffset UpdatedAt);
