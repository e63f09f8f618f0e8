namespace RunawaysAlliance.Domain.Common;

/// <summary>
/// Names every refusal a person can be shown, so that the UI says it in the reader's language from a resource
/// (<c>Rule.&lt;Code&gt;</c>) and the arguments the refusal carries; the English message stays for logs and tests.
/// The domain throws the first groups; the store and the application services give the last ones (they need a
/// query or the caller), named here so that one list covers every message.
/// </summary>
public enum RuleCode
{
    // Input shape (InvalidInputException; the first argument is the field's name).
    InputRequired,
    InputTooLong,
    InputNotOneLine,
    InputHiddenControl,
    InputUnknownValue,
    DraftTooLong,
    SlugShape,
    UnknownTimeZone,
    RoomCapacity,
    RoundDuration,
    CardKindMissing,
    CardLanguageMissing,
    TagTooLong,
    TooManyTags,
    OfferKindMissing,
    OfferNoteRequired,
    DisplayNameNeedsLetter,
    EmailShape,
    PhoneShape,
    LinkedInShape,
    PickChannel,

    // The event: rooms, rounds, phases and members.
    RoomNameTaken,
    RoundsOverlap,
    PhaseCannotGoBack,
    NeedsRoomsAndRounds,
    OnlyOrganizerCannotLeave,
    NotJoined,
    NeedsAnOrganizer,
    NoSuchRoom,
    NoSuchRound,
    NoSuchSessionInEvent,

    // Slots and sessions.
    ClaimsClosedArchived,
    ClaimsNotOpenYet,
    CardOfAnotherEvent,
    CardWithdrawnCannotBePlaced,
    OnlyModeratorsClaim,
    SlotTaken,
    SlotTakenBy,
    CardAlreadyPlaced,
    ModeratorBusy,
    AuthorBusy,
    SessionNotHoldingSlot,
    AlreadyReserved,
    AlreadyReleased,

    // The marketplace.
    EventArchived,
    MarketplaceNotOpen,
    WithdrawnCannotBeEdited,
    AlreadyWithdrawn,
    ScheduledCannotBeWithdrawn,
    WithdrawnTakesNoOffers,
    NotOnOwnCard,
    NoOffer,
    CardEditedElsewhere,
    OnlyAuthorPicks,
    CoreNeedsCanHelp,
    TooManyCoreSolvers,
    NoSuchOffer,

    // People and contact requests.
    AccountDeleted,
    NotYourself,
    NotYourRequest,
    RequestClosed,
    DeclineInstead,
    OnlyRecipient,
    AlreadyAnswered,

    // Races the store reports (a unique index or a version said no).
    ChangedConcurrently,
    AlreadyOffered,
    SlugTaken,
    RoundStartTaken,
    CardJustPlaced,
    ModeratorJustPlaced,
    AuthorJustPlaced,

    // Refusals of the application services.
    NoSuchEvent,
    NotAMember,
    OnlyOrganizers,
    NoSuchCard,
    NotYourCard,
    CardNotOnBoard,
    NoSuchSession,
    OnlySessionModeratorReleases,
    PostingTooFast,
    NoSuchPerson,
    NotInCommonEvent,
    NoSuchRecipient,
    NoChannels,
    ContactAlreadyOpen,
    AlreadyAskedYou,
    AlreadyExchanged,
    NoSuchRequest,
    ContactRequestsTooFast,
    ChooseCardsOnDelete,
    InvalidJoinLink,
    JoinFailed,
    OnlyOrganizersPlan,
    PlanImpossible,
    BoardChanged,
    SlotGivenBack,
    CardDeleted,
}
