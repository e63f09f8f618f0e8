using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// What a service tells the UI after a mutation: done, or a message a person can act on
/// (a domain rule, a lost race, a missing permission). Never an exception for an expected outcome.
/// </summary>
public sealed record ServiceResult(bool Succeeded, string? Error, ServiceFailure Failure = ServiceFailure.None)
{
    public static ServiceResult Ok { get; } = new(true, null);

    /// <summary>For a refused input: which field, and what is wrong, so that a form can say it in the reader's language.</summary>
    public InputError? Input { get; init; }

    /// <summary>The id of what the call created (a new card, for example).</summary>
    public Guid? CreatedId { get; init; }

    /// <summary>For a rate-limited call: when to try again.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ServiceResult Created(Guid id) => new(true, null) { CreatedId = id };

    public static ServiceResult Rejected(string message) => new(false, message, ServiceFailure.Rule);

    /// <summary>A domain rule said no; an input rule keeps its field and problem for the form.</summary>
    public static ServiceResult Rejected(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            InvalidInputException input => new(false, input.Message, ServiceFailure.Rule) { Input = new InputError(input.Field, input.Problem, input.Limit) },
            ConcurrentEditException => new(false, exception.Message, ServiceFailure.Conflict),
            _ => new(false, exception.Message, ServiceFailure.Rule),
        };
    }

    public static ServiceResult TooMany(string message, int retryAfterSeconds) =>
        new(false, message, ServiceFailure.RateLimited) { RetryAfterSeconds = retryAfterSeconds };

    public static ServiceResult Forbidden(string message) => new(false, message, ServiceFailure.Forbidden);

    public static ServiceResult NotFound(string message) => new(false, message, ServiceFailure.NotFound);
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
}
