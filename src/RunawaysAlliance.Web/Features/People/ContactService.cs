using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>
/// The contact consent handshake: A asks B (choosing which of A's channels B will see), B accepts (choosing which
/// of B's channels A will see) or declines, and either can withdraw later. Channel values leave this service only
/// for the other side of an accepted request, and only the channels that side chose. Logs carry ids only.
/// </summary>
public sealed class ContactService(
    IDbContextFactory<AppDbContext> factory,
    RateLimits limits,
    TimeProvider time,
    ILogger<ContactService> logger)
{
    /// <summary>
    /// The caller asks <paramref name="recipientId"/> to exchange contacts, offering <paramref name="shares"/> of
    /// their own channels. Both must be members of a common event; one open request per pair.
    /// </summary>
    public Task<ServiceResult> RequestAsync(Guid callerId, Guid recipientId, ContactChannels shares, CancellationToken ct = default) =>
        StoreFailures.GuardAsync(logger, "a contact request", callerId, () => RequestCoreAsync(callerId, recipientId, shares, ct));

    private async Task<ServiceResult> RequestCoreAsync(Guid callerId, Guid recipientId, ContactChannels shares, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var caller = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == callerId && !p.IsErased, ct);
        if (caller is null)
        {
            return ServiceResult.Forbidden(new RuleMessage(RuleCode.NoSuchPerson, PeopleMessages.NoSuchPerson));
        }

        if (recipientId == callerId)
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.NotYourself, PeopleMessages.NotYourself));
        }

        if (!await db.People.AnyAsync(p => p.Id == recipientId && !p.IsErased, ct))
        {
            return ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchRecipient, PeopleMessages.NoSuchRecipient));
        }

        var members = db.Set<EventMember>();
        var shareAnEvent = await members.AnyAsync(
            m => m.PersonId == recipientId && members.Any(mine => mine.PersonId == callerId && mine.EventId == m.EventId), ct);
        if (!shareAnEvent)
        {
            return ServiceResult.Forbidden(new RuleMessage(RuleCode.NotInCommonEvent, PeopleMessages.NotInCommonEvent));
        }

        // Only channels the caller has filled in can be shared: a request must reveal something.
        var offered = shares & caller.Contact.Present;
        if (caller.Contact.Present == ContactChannels.None)
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.NoChannels, PeopleMessages.NoChannels));
        }

        if (offered == ContactChannels.None)
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.PickChannel, PeopleMessages.PickChannel));
        }

        var open = await db.ContactRequests.AsNoTracking()
            .Where(r => ((r.RequesterId == callerId && r.RecipientId == recipientId) || (r.RequesterId == recipientId && r.RecipientId == callerId)) &&
                        (r.Status == ContactRequestStatus.Pending || r.Status == ContactRequestStatus.Accepted))
            .Select(r => new { r.RequesterId, r.Status })
            .ToListAsync(ct);
        if (open.Any(r => r.Status == ContactRequestStatus.Accepted))
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.AlreadyExchanged, PeopleMessages.AlreadyExchanged));
        }

        if (open.Any(r => r.RequesterId == recipientId))
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.AlreadyAskedYou, PeopleMessages.AlreadyAskedYou));
        }

        if (open.Count > 0)
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.ContactAlreadyOpen, PeopleMessages.AlreadyOpen));
        }

        var decision = limits.TryPost(callerId);
        if (!decision.IsAllowed)
        {
            logger.LogWarning("Person {PersonId} is sending contact requests too fast", callerId);
            return ServiceResult.Rejected(PeopleMessages.TooMany(decision.RetryAfterSeconds)) with { RetryAfterSeconds = decision.RetryAfterSeconds };
        }

        try
        {
            var request = new ContactRequest(Guid.CreateVersion7(), callerId, recipientId, offered, time.GetUtcNow());
            db.ContactRequests.Add(request);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Person {RequesterId} asked person {RecipientId} to exchange contacts (request {RequestId})", callerId, recipientId, request.Id);
            return ServiceResult.Ok;
        }
        catch (DomainException ex)
        {
            // A lost race on the open-pair index arrives here in the domain's words.
            return ServiceResult.Rejected(ex);
        }
    }

    /// <summary>The recipient accepts, revealing <paramref name="shares"/> of their channels to the requester.</summary>
    public Task<ServiceResult> AcceptAsync(Guid callerId, Guid requestId, ContactChannels shares, CancellationToken ct = default) =>
        StoreFailures.GuardAsync(logger, "accepting a contact request", callerId, () => AcceptCoreAsync(callerId, requestId, shares, ct));

    private async Task<ServiceResult> AcceptCoreAsync(Guid callerId, Guid requestId, ContactChannels shares, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var (request, refusal) = await RequestForAsync(db, requestId, r => r.RecipientId == callerId, OnlyRecipient, ct);
        if (request is null)
        {
            return refusal!;
        }

        var caller = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == callerId && !p.IsErased, ct);
        if (caller is null)
        {
            return ServiceResult.Forbidden(new RuleMessage(RuleCode.NoSuchPerson, PeopleMessages.NoSuchPerson));
        }

        if (caller.Contact.Present == ContactChannels.None)
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.NoChannels, PeopleMessages.NoChannels));
        }

        var revealed = shares & caller.Contact.Present;
        if (revealed == ContactChannels.None)
        {
            return ServiceResult.Rejected(new RuleMessage(RuleCode.PickChannel, PeopleMessages.PickChannel));
        }

        return await AnswerAsync(db, () => request.Accept(callerId, revealed, time.GetUtcNow()), request, "accepted", callerId, ct);
    }

    /// <summary>The recipient says no. The requester sees only that it was declined.</summary>
    public Task<ServiceResult> DeclineAsync(Guid callerId, Guid requestId, CancellationToken ct = default) =>
        StoreFailures.GuardAsync(logger, "declining a contact request", callerId, () => DeclineCoreAsync(callerId, requestId, ct));

    private async Task<ServiceResult> DeclineCoreAsync(Guid callerId, Guid requestId, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var (request, refusal) = await RequestForAsync(db, requestId, r => r.RecipientId == callerId, OnlyRecipient, ct);
        if (request is null)
        {
            return refusal!;
        }

        return await AnswerAsync(db, () => request.Decline(callerId, time.GetUtcNow()), request, "declined", callerId, ct);
    }

    /// <summary>Either side ends an exchange, or the requester takes back a pending request.</summary>
    public Task<ServiceResult> WithdrawAsync(Guid callerId, Guid requestId, CancellationToken ct = default) =>
        StoreFailures.GuardAsync(logger, "withdrawing a contact request", callerId, () => WithdrawCoreAsync(callerId, requestId, ct));

    private async Task<ServiceResult> WithdrawCoreAsync(Guid callerId, Guid requestId, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var (request, refusal) = await RequestForAsync(db, requestId, r => r.Involves(callerId), NotYours, ct);
        if (request is null)
        {
            return refusal!;
        }

        return await AnswerAsync(db, () => request.Withdraw(callerId, time.GetUtcNow()), request, "withdrawn", callerId, ct);
    }

    private static readonly RuleMessage OnlyRecipient = new(RuleCode.OnlyRecipient, PeopleMessages.OnlyRecipient);

    private static readonly RuleMessage NotYours = new(RuleCode.NotYourRequest, PeopleMessages.NotYours);

    // A contact request the caller may act on, or why not: NotFound when it is gone, Forbidden when it is not theirs.
    private static async Task<(ContactRequest? Request, ServiceResult? Refusal)> RequestForAsync(
        AppDbContext db, Guid requestId, Func<ContactRequest, bool> isCallers, RuleMessage denied, CancellationToken ct)
    {
        var request = await db.ContactRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        return request is null ? (null, ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchRequest, PeopleMessages.NoSuchRequest)))
            : !isCallers(request) ? (null, ServiceResult.Forbidden(denied))
            : (request, null);
    }

    /// <summary>
    /// The caller's requests, each with the other person's public profile and, only while accepted, the channels
    /// the other person revealed. Withdrawn requests are left out. Null when the caller is not a person.
    /// </summary>
    public async Task<MyContacts?> ListMineAsync(Guid callerId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var me = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == callerId && !p.IsErased, ct);
        if (me is null)
        {
            return null;
        }

        var requests = await db.ContactRequests.AsNoTracking()
            .Where(r => (r.RequesterId == callerId || r.RecipientId == callerId) && r.Status != ContactRequestStatus.Withdrawn)
            .ToListAsync(ct);
        var otherIds = requests.Select(r => r.OtherThan(callerId)).Distinct().ToList();
        var others = await db.People.AsNoTracking().Where(p => otherIds.Contains(p.Id) && !p.IsErased).ToDictionaryAsync(p => p.Id, ct);

        var views = requests
            .Where(r => others.ContainsKey(r.OtherThan(callerId)))
            .OrderByDescending(r => r.AnsweredAt ?? r.CreatedAt)
            .Select(r =>
            {
                var other = others[r.OtherThan(callerId)];
                var sentByMe = r.RequesterId == callerId;
                return new ContactExchange(
                    r.Id, other.Id, other.DisplayName, other.AskMeAbout, sentByMe, r.Status,
                    MyShares: sentByMe ? r.RequesterShares : r.RecipientShares,
                    TheirShares: sentByMe ? r.RecipientShares : r.RequesterShares,
                    TheirContact: r.VisibleTo(callerId, other),
                    r.CreatedAt, r.AnsweredAt);
            })
            .ToList();

        return new MyContacts(
            Incoming: views.Where(v => !v.SentByMe && v.Status == ContactRequestStatus.Pending).ToList(),
            Outgoing: views.Where(v => v.SentByMe && v.Status is ContactRequestStatus.Pending or ContactRequestStatus.Declined).ToList(),
            Exchanged: views.Where(v => v.Status == ContactRequestStatus.Accepted).ToList(),
            MyChannels: me.Contact.Present,
            MyDefaultChannels: me.DefaultSharedChannels & me.Contact.Present);
    }

    private async Task<ServiceResult> AnswerAsync(AppDbContext db, Action answer, ContactRequest request, string outcome, Guid callerId, CancellationToken ct)
    {
        try
        {
            answer();
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            return ServiceResult.Rejected(ex);
        }

        logger.LogInformation("Contact request {RequestId} {Outcome} by person {PersonId}", request.Id, outcome, callerId);
        return ServiceResult.Ok;
    }
}
