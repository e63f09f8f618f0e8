namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// What a service tells the UI after a mutation: done, or a message a person can act on
/// (a domain rule, a lost race, a missing permission). Never an exception for an expected outcome.
/// </summary>
public sealed record ServiceResult(bool Succeeded, string? Error, ServiceFailure Failure = ServiceFailure.None)
{
    public static ServiceResult Ok { get; } = new(true, null);

    public static ServiceResult Rejected(string message) => new(false, message, ServiceFailure.Rule);

    public static ServiceResult Forbidden(string message) => new(false, message, ServiceFailure.Forbidden);

    public static ServiceResult NotFound(string message) => new(false, message, ServiceFailure.NotFound);
}

public enum ServiceFailure
{
    None,
    Rule,
    Forbidden,
    NotFound,
}
