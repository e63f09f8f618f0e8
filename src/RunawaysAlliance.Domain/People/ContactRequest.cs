using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.People;

/// <summary>Where a contact request stands.</summary>
public enum ContactRequestStatus
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
    Withdrawn = 3,
}

/// <summary>
/// The consent handshake: A asks B; only when B accepts do both see each other's chosen channels.
/// Either side can withdraw later, and then neither sees the other's channels any more.
/// </summary>
public sealed class ContactRequest
{
    private ContactRequest()
    {
    }

    /// <summary>A asks B, choosing which of A's channels B will see if B accepts.</summary>
    public ContactRequest(Guid id, Guid requesterId, Guid recipientId, ContactChannels requesterShares, DateTimeOffset now)
    {
        if (requesterId == recipientId)
        {
            throw new RuleViolationException(RuleCode.NotYourself, "You cannot send a contact request to yourself.");
        }

        if ((requesterShares & ContactChannels.All) == ContactChannels.None)
        {
            throw new InvalidInputException("channels", RuleCode.PickChannel, "Pick at least one of your channels to share.");
        }

        Id = id;
        RequesterId = requesterId;
        RecipientId = recipientId;
        RequesterShares = requesterShares & ContactChannels.All;
        Status = ContactRequestStatus.Pending;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid RequesterId { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The requester's channels the recipient sees once accepted.</summary>
    public ContactChannels RequesterShares { get; private set; }

    /// <summary>The recipient's channels the requester sees once accepted.</summary>
    public ContactChannels RecipientShares { get; private set; }

    public ContactRequestStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>True while the two people see each other's shared channels.</summary>
    public bool RevealsContacts => Status == ContactRequestStatus.Accepted;

    public bool Involves(Guid personId) => RequesterId == personId || RecipientId == personId;

    /// <summary>The other person of the pair, seen from <paramref name="personId"/>.</summary>
    public Guid OtherThan(Guid personId) => personId == RequesterId ? RecipientId : RequesterId;

    /// <summary>The recipient accepts, choosing which of their channels the requester sees.</summary>
    public void Accept(Guid recipientId, ContactChannels recipientShares, DateTimeOffset now)
    {
        EnsureRecipient(recipientId);
        EnsurePending();
        if ((recipientShares & ContactChannels.All) == ContactChannels.None)
        {
            throw new InvalidInputException("channels", RuleCode.PickChannel, "Pick at least one of your channels to share.");
        }

        RecipientShares = recipientShares & ContactChannels.All;
        Status = ContactRequestStatus.Accepted;
        AnsweredAt = now;
    }

    /// <summary>The recipient says no; the requester sees only that it was declined.</summary>
    public void Decline(Guid recipientId, DateTimeOffset now)
    {
        EnsureRecipient(recipientId);
        EnsurePending();
        Status = ContactRequestStatus.Declined;
        AnsweredAt = now;
    }

    /// <summary>Either side ends the exchange (or the requester takes back a pending request).</summary>
    public void Withdraw(Guid personId, DateTimeOffset now)
    {
        if (!Involves(personId))
        {
            throw new RuleViolationException(RuleCode.NotYourRequest, "This contact request is not yours.");
        }

        if (Status is ContactRequestStatus.Declined or ContactRequestStatus.Withdrawn)
        {
            throw new RuleViolationException(RuleCode.RequestClosed, "This contact request is already closed.");
        }

        if (Status == ContactRequestStatus.Pending && personId != RequesterId)
        {
            throw new RuleViolationException(RuleCode.DeclineInstead, "Decline the request instead.");
        }

        Status = ContactRequestStatus.Withdrawn;
        AnsweredAt = now;
    }

    /// <summary>
    /// The channels of <paramref name="owner"/> that <paramref name="viewerId"/> may see through this request:
    /// none unless accepted and the viewer is the other person.
    /// </summary>
    public ContactDetails VisibleTo(Guid viewerId, Person owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (!RevealsContacts || !Involves(viewerId) || !Involves(owner.Id) || viewerId == owner.Id)
        {
            return ContactDetails.None;
        }

        return owner.Contact.Only(owner.Id == RequesterId ? RequesterShares : RecipientShares);
    }

    private void EnsureRecipient(Guid personId)
    {
        if (personId != RecipientId)
        {
            throw new RuleViolationException(RuleCode.OnlyRecipient, "Only the person asked can answer this contact request.");
        }
    }

    private void EnsurePending()
    {
        if (Status != ContactRequestStatus.Pending)
        {
            throw new RuleViolationException(RuleCode.AlreadyAnswered, "This contact request was already answered.");
        }
    }
}
