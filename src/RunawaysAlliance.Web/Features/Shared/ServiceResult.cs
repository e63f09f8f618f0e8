using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// What a service tells the UI after a mutation: done, or a refusal a person can act on (a domain rule, a lost
/// race, a missing permission). Never an exception for an expected outcome. A refusal carries its
/// <see cref="Code"/> and <see cref="Arguments"/>, which <see cref="RuleText"/> says in the reader's language;
/// <see cref="Error"/> is the English message, for logs and tests.
/// </summary>
public sealed record ServiceResult(bool Succeeded, string? Error, ServiceFailure Failure = ServiceFailure.None)
{
    public static ServiceResult Ok { get; } = new(true, null);

    /// <summary>Which rule or check said no; null on success.</summary>
    public RuleCode? Code { get; init; }

    /// <summary>The facts the refusal names (see <see cref="DomainException.Arguments"/>).</summary>
    public IReadOnlyList<object> Arguments { get; init; } = [];

    /// <summary>For a refused input: which field, and what is wrong, so that a form can say it in the reader's language.</summary>
    public InputError? Input { get; init; }

    /// <summary>The id of what the call created (a new card, for example).</summary>
    public Guid? CreatedId { get; init; }

    /// <summary>For a rate-limited call: when to try again.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>For a slot someone else took first: the nearest free slots the same claim could take.</summary>
    public IReadOnlyList<FreeSlot> Alternatives { get; init; } = [];

    /// <summary>For a seat reservation, cancellation or switch: where the caller stands now, and who moved up.</summary>
    public SeatChange? Seat { get; init; }

    public static ServiceResult Created(Guid id) => new(true, null) { CreatedId = id };

    /// <summary>A domain rule said no; a lost race is a conflict, and an input rule keeps its field and problem for the form.</summary>
    public static ServiceResult Rejected(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var failure = exception is ConcurrentEditException ? ServiceFailure.Conflict : ServiceFailure.Rule;
        return new ServiceResult(false, exception.Message, failure)
        {
            Code = exception.Code,
            Arguments = exception.Arguments,
            Input = exception is InvalidInputException input ? new InputError(input.Field, input.Problem, input.Limit) : null,
        };
    }

    /// <summary>A rule the service checks itself (it needs the store or the caller) said no.</summary>
    public static ServiceResult Rejected(RuleMessage message) => Refused(ServiceFailure.Rule, message);

    /// <summary>Too many actions in a short time; the message's arguments say when to retry.</summary>
    public static ServiceResult TooMany(RuleMessage message, int retryAfterSeconds) =>
        Refused(ServiceFailure.RateLimited, message) with { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>What a person is told when the store failed unexpectedly: nothing was saved; try again.</summary>
    public static readonly RuleMessage StoreUnavailable = new(RuleCode.StoreUnavailable, "Could not reach the database just now. Nothing was saved: try again in a moment.");

    /// <summary>The store failed unexpectedly (see <c>StoreErrors.IsUnexpected</c>); the form keeps what was typed.</summary>
    public static ServiceResult Unavailable() => Refused(ServiceFailure.Unavailable, StoreUnavailable);

    public static ServiceResult Forbidden(RuleMessage message) => Refused(ServiceFailure.Forbidden, message);

    public static ServiceResult NotFound(RuleMessage message) => Refused(ServiceFailure.NotFound, message);

    private static ServiceResult Refused(ServiceFailure failure, RuleMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ServiceResult(false, message.Message, failure) { Code = message.Code, Arguments = message.Arguments };
    }
}

/// <summary>A free slot offered instead of one that was taken.</summary>
public sealed record FreeSlot(Guid RoomId, Guid RoundId, SlotName Name, int Capacity);

/// <summary>Where a person stands in a session after a seat change; <see cref="PromotedPersonId"/> moved up from the waitlist.</summary>
public sealed record SeatChange(Guid SessionId, SeatState State, int? WaitlistPosition, Guid? PromotedPersonId);

/// <summary>A person's place in a session.</summary>
public enum SeatState
{
    None,
    Seated,
    Waitlisted,
}

/// <summary>A refused input: the domain's field name, the kind of problem and the limit it passed.</summary>
public sealed record InputError(string Field, InputProblem Problem, int? Limit);

public enum ServiceFailure
{
    None,
    Rule,
    Forbidden,
    NotFound,

    /// <summary>Someone (or the same person in another tab) changed it first.</summary>
    Conflict,

    /// <summary>Too many actions in a short time; see <see cref="ServiceResult.RetryAfterSeconds"/>.</summary>
    RateLimited,

    /// <summary>The store failed unexpectedly; nothing was saved and trying again later may work.</summary>
    Unavailable,
}
