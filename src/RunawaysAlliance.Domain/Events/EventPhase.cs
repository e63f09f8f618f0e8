namespace RunawaysAlliance.Domain.Events;

/// <summary>Where an event is in its life. It only moves forward.</summary>
public enum EventPhase
{
    /// <summary>Organizers set up rooms and rounds; nothing can be claimed yet.</summary>
    Setup = 0,

    /// <summary>Cards are posted and offers made; moderators may claim slots.</summary>
    Marketplace = 1,

    /// <summary>The evening is running; slots can still be claimed.</summary>
    Live = 2,

    /// <summary>The event is over and its records are the archive.</summary>
    Archived = 3,
}

/// <summary>What a person may do in one event. Higher roles include the powers of lower ones.</summary>
public enum EventRole
{
    /// <summary>Posts cards, offers help, reserves seats.</summary>
    Attendee = 0,

    /// <summary>Also claims slots and runs sessions.</summary>
    Moderator = 1,

    /// <summary>Also sets up the event and manages people and the plan.</summary>
    Organizer = 2,
}
