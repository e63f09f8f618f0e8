namespace RunawaysAlliance.Domain.Cards;

/// <summary>
/// The card rules' messages, in the words the domain says them. Public so that the UI can map each one to
/// its own translation without copying the text.
/// </summary>
public static class CardMessages
{
    public const string WithdrawnCannotBeEdited = "A withdrawn card cannot be edited.";
    public const string AlreadyWithdrawn = "This card is already withdrawn.";
    public const string ScheduledCannotBeWithdrawn = "This card is scheduled in a session: ask its moderator to give the slot back first.";
    public const string WithdrawnTakesNoOffers = "This card was withdrawn; it no longer takes offers.";
    public const string NotOnOwnCard = "You cannot offer help on your own card.";
    public const string NoOffer = "You have no offer on this card.";
    public const string EditedElsewhere = "This card was changed in another tab or window since you opened it. Reload to see that version, then make your change again.";
    public const string OnlyAuthorPicks = "Only the card's author can pick core solvers.";
    public const string CoreNeedsCanHelp = "Only people who offered \"I can help\" can be core solvers.";
    public const string TooManyCoreSolvers = "A table has room for at most 6 core solvers.";
    public const string NoSuchOffer = "That offer was withdrawn.";
    public const string EventArchived = "This event is archived: its cards and offers can no longer change.";
    public const string MarketplaceNotOpen = "The marketplace is not open yet: cards can be posted once the organizers open it.";
}
