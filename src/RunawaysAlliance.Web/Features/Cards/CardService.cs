using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// The marketplace's mutations: posting, editing and withdrawing cards, offers of help, core solvers and
/// drafts. Every call authorizes the caller on the server; every change is published on the event feed.
/// </summary>
public sealed class CardService(
    IDbContextFactory<AppDbContext> factory,
    IEventFeed feed,
    RateLimits limits,
    TimeProvider time,
    ILogger<CardService> logger)
{
    public const string NotAMember = "Join this event first: only its attendees can post cards and offers.";
    public const string NoSuchCard = "That card is not on the board any more.";
    public const string NotYourCard = "Only the card's author can change it.";
    public const string NoSuchEvent = "That event does not exist.";

    // A lost race (two saves at once) is retried with fresh data; the domain then decides again, so that a
    // real conflict (an edit from another tab) is reported and a harmless one (an offer arriving) is not.
    private const int Attempts = 3;

    /// <summary>
    /// Whether the caller may post and change cards in the event now (a member, and the marketplace open for
    /// them), so that a form can say so before anyone types; the mutations check again.
    /// </summary>
    public async Task<ServiceResult> CheckCanPostAsync(Guid callerId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var (evt, denied) = await AuthorizeMemberAsync(db, callerId, eventId, ct);
        if (denied is not null)
        {
            return denied;
        }

        try
        {
            evt!.EnsureMarketplaceOpenFor(evt.FindMember(callerId)!);
            return ServiceResult.Ok;
        }
        catch (DomainException ex)
        {
            return ServiceResult.Rejected(ex);
        }
    }

    /// <summary>Posts a new card by the caller, a member of the event; removes the caller's draft of it.</summary>
    public async Task<ServiceResult> PostAsync(Guid callerId, Guid eventId, CardContent content, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var (evt, denied) = await AuthorizeMemberAsync(db, callerId, eventId, ct);
        if (denied is not null)
        {
            return denied;
        }

        ProblemCard card;
        try
        {
            evt!.EnsureMarketplaceOpenFor(evt.FindMember(callerId)!);
            card = new ProblemCard(Guid.NewGuid(), eventId, callerId, content, time.GetUtcNow());
        }
        catch (DomainException ex)
        {
            return ServiceResult.Rejected(ex);
        }

        // Checked after the input so that a refused form does not use up the person's allowance.
        var decision = limits.TryPost(callerId);
        if (!decision.IsAllowed)
        {
            return TooMany(decision);
        }

        db.Cards.Add(card);
        await RemoveDraftAsync(db, callerId, eventId, Guid.Empty, ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Card {CardId} posted in event {EventId}", card.Id, eventId);
        await feed.PublishAsync(new EventChange(eventId, ChangeKind.Card, card.Id), ct);
        return ServiceResult.Created(card.Id);
    }

    /// <summary>The author changes their card, from the revision they saw; removes their draft of the edit.</summary>
    public Task<ServiceResult> EditAsync(Guid callerId, Guid cardId, CardContent content, int expectedRevision, CancellationToken ct = default) =>
        ChangeCardAsync(callerId, cardId, ChangeKind.Card, async (db, evt, card, now) =>
        {
            if (card.AuthorId != callerId)
            {
                return ServiceResult.Forbidden(new RuleMessage(RuleCode.NotYourCard, NotYourCard));
            }

            card.Edit(content, expectedRevision, now);
            await RemoveDraftAsync(db, callerId, card.EventId, card.Id, ct);
            return ServiceResult.Ok;
        }, isTakingBack: false, ct);

    /// <summary>The author takes their card off the board; a scheduled card must be released first.</summary>
    public Task<ServiceResult> WithdrawAsync(Guid callerId, Guid cardId, int? expectedRevision = null, CancellationToken ct = default) =>
        ChangeCardAsync(callerId, cardId, ChangeKind.Card, async (db, evt, card, now) =>
        {
            if (card.AuthorId != callerId)
            {
                return ServiceResult.Forbidden(new RuleMessage(RuleCode.NotYourCard, NotYourCard));
            }

            var scheduled = await db.Sessions.AnyAsync(s => s.CardId == card.Id && s.Status == SessionStatus.Active, ct);
            card.Withdraw(now, scheduled, expectedRevision);
            await RemoveDraftAsync(db, callerId, card.EventId, card.Id, ct);
            return ServiceResult.Ok;
        }, isTakingBack: false, ct);

    /// <summary>The caller offers help on a card ("I can help" with a one-line note, or "curious"), or changes their offer.</summary>
    public Task<ServiceResult> OfferAsync(Guid callerId, Guid cardId, OfferKind kind, string? note, CancellationToken ct = default)
    {
        // Validate first (a refused note costs nothing), then count it against the person's allowance, once:
        // a retry after a lost race is not another post.
        RateLimitDecision? decision = null;
        return ChangeCardAsync(callerId, cardId, ChangeKind.Offer, (_, _, card, now) =>
        {
            card.MakeOffer(callerId, kind, note, now);
            decision ??= limits.TryPost(callerId);
            return Task.FromResult(decision.IsAllowed ? ServiceResult.Ok : TooMany(decision));
        }, isTakingBack: false, ct);
    }

    /// <summary>The caller takes back their offer on a card.</summary>
    public Task<ServiceResult> WithdrawOfferAsync(Guid callerId, Guid cardId, CancellationToken ct = default) =>
        ChangeCardAsync(callerId, cardId, ChangeKind.Offer, (_, _, card, _) =>
        {
            card.WithdrawOffer(callerId);
            return Task.FromResult(ServiceResult.Ok);
        }, isTakingBack: true, ct);

    /// <summary>The card's author picks or unpicks a solver as one they want at the table.</summary>
    public Task<ServiceResult> SetCoreSolverAsync(Guid callerId, Guid cardId, Guid solverId, bool isCore, CancellationToken ct = default) =>
        ChangeCardAsync(callerId, cardId, ChangeKind.Offer, (db, _, card, now) =>
        {
            if (card.AuthorId != callerId)
            {
                return Task.FromResult(ServiceResult.Forbidden(new RuleMessage(RuleCode.OnlyAuthorPicks, CardMessages.OnlyAuthorPicks)));
            }

            card.MarkCoreSolver(callerId, solverId, isCore, now);
            // The limit of core solvers spans the card's offers: save through the card's version, so that two
            // picks at once cannot both see "five picked" (the loser is retried and the domain counts again).
            db.Entry(card).State = EntityState.Modified;
            return Task.FromResult(ServiceResult.Ok);
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
    /// Keeps what the caller typed so far. Drafts are not rate limited like posts (the form saves them while
    /// the person types, debounced), but they are bounded in size and only their author can write them.
    /// </summary>
    public async Task<ServiceResult> SaveDraftAsync(Guid callerId, Guid eventId, Guid cardId, CardDraftInput input, int baseRevision, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = factory.CreateDbContext();
            var (_, denied) = await AuthorizeMemberAsync(db, callerId, eventId, ct);
            if (denied is not null)
            {
                return denied;
            }

            if (cardId != Guid.Empty &&
                !await db.Cards.AnyAsync(c => c.Id == cardId && c.EventId == eventId && c.AuthorId == callerId, ct))
            {
                return ServiceResult.Forbidden(new RuleMessage(RuleCode.NotYourCard, NotYourCard));
            }

            var now = time.GetUtcNow();
            var draft = await db.CardDrafts.FirstOrDefaultAsync(d => d.AuthorId == callerId && d.EventId == eventId && d.CardId == cardId, ct);
            try
            {
                if (draft is null)
                {
                    draft = new CardDraft(Guid.NewGuid(), eventId, callerId, cardId, baseRevision, now);
                    db.CardDrafts.Add(draft);
                }

                draft.Update(input.Title, input.Problem, input.HelpWanted, input.Kind, input.Tags, input.Language, now);
            }
            catch (DomainException ex)
            {
                return ServiceResult.Rejected(ex);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return ServiceResult.Ok;
            }
            catch (DbUpdateException ex) when (attempt < Attempts && StoreErrors.IsUniqueViolation(ex))
            {
                // The same person's other tab created the draft a moment ago: update that one.
            }
        }
    }

    /// <summary>Throws away the caller's draft (the form's "discard").</summary>
    public async Task DiscardDraftAsync(Guid callerId, Guid eventId, Guid cardId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        await db.CardDrafts.Where(d => d.AuthorId == callerId && d.EventId == eventId && d.CardId == cardId).ExecuteDeleteAsync(ct);
    }

    private async Task<ServiceResult> ChangeCardAsync(
        Guid callerId,
        Guid cardId,
        ChangeKind kind,
        Func<AppDbContext, Event, ProblemCard, DateTimeOffset, Task<ServiceResult>> change,
        bool isTakingBack,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = factory.CreateDbContext();
            var card = await db.Cards.Include(c => c.Offers).FirstOrDefaultAsync(c => c.Id == cardId, ct);
            // Taking one's own offer back works on a withdrawn card and in an archived event: a name can always go.
            if (card is null || (card.Status == CardStatus.Withdrawn && card.AuthorId != callerId && !isTakingBack))
            {
                return ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchCard, NoSuchCard));
            }

            var (evt, denied) = await AuthorizeMemberAsync(db, callerId, card.EventId, ct);
            if (denied is not null)
            {
                return denied;
            }

            ServiceResult outcome;
            try
            {
                if (!isTakingBack)
                {
                    evt!.EnsureMarketplaceOpenFor(evt.FindMember(callerId)!);
                }

                outcome = await change(db, evt!, card, time.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return ServiceResult.Rejected(ex);
            }

            if (!outcome.Succeeded)
            {
                return outcome;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DomainException) when (attempt < Attempts)
            {
                // Lost a race with another save: read again and let the domain decide with the winner's data.
                continue;
            }
            catch (DomainException ex)
            {
                return ServiceResult.Rejected(ex);
            }

            await feed.PublishAsync(new EventChange(card.EventId, kind, card.Id), ct);
            return outcome;
        }
    }

    private static async Task<(Event? Event, ServiceResult? Denied)> AuthorizeMemberAsync(AppDbContext db, Guid callerId, Guid eventId, CancellationToken ct)
    {
        var evt = await db.Events.Include(e => e.Members).FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (evt is null)
        {
            return (null, ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchEvent, NoSuchEvent)));
        }

        return evt.FindMember(callerId) is null ? (evt, ServiceResult.Forbidden(new RuleMessage(RuleCode.NotAMember, NotAMember))) : (evt, null);
    }

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

    /// <summary>The message for a person who posted faster than the limit.</summary>
    public static string TooManyMessage(int retryAfterSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"You are posting quickly. Try again in {retryAfterSeconds} seconds.");
}

/// <summary>What the card form holds, as typed (tags as one string); nothing checked yet.</summary>
public sealed record CardDraftInput(string? Title, string? Problem, string? HelpWanted, CardKind Kind, string? Tags, string? Language);

/// <summary>A saved draft: what was typed, the card revision an edit began from, and when it was saved.</summary>
public sealed record CardDraftView(CardDraftInput Input, int BaseRevision, DateTimeOffset UpdatedAt);
