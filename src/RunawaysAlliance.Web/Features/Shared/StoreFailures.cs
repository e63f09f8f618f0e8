using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// The one rule for a store that fails unexpectedly under a mutation (connection lost, timeout, full disk): the
/// person is told "nothing was saved, try again" in their language, the error is logged once with ids only, and
/// the circuit lives on, so the form still holds what they typed. <see cref="EventGate"/> applies it to every
/// event-changing call; services outside the gate wrap their mutations with <see cref="GuardAsync{T}"/>.
/// </summary>
public static class StoreFailures
{
    /// <summary>Runs <paramref name="call"/>; an unexpected store failure becomes <paramref name="unavailable"/> of <see cref="ServiceResult.Unavailable"/>.</summary>
    public static async Task<T> GuardAsync<T>(ILogger logger, string action, Guid callerId, Func<Task<T>> call, Func<ServiceResult, T> unavailable)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(unavailable);
        try
        {
            return await call();
        }
        catch (Exception ex) when (StoreErrors.IsUnexpected(ex))
        {
            logger.LogError(ex, "The store failed during {Action} by {CallerId}; nothing was saved", action, callerId);
            return unavailable(ServiceResult.Unavailable());
        }
    }

    /// <summary>The same, for a call whose result is a <see cref="ServiceResult"/>.</summary>
    public static Task<ServiceResult> GuardAsync(ILogger logger, string action, Guid callerId, Func<Task<ServiceResult>> call) =>
        GuardAsync(logger, action, callerId, call, static result => result);
}
