using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// The signed-in person of this circuit or request, read from the server-side authentication state.
/// Components pass <see cref="IdAsync"/>'s result to services; the services authorize it against the database.
/// </summary>
public sealed class CurrentPerson(AuthenticationStateProvider authentication)
{
    /// <summary>The person's id, or null when nobody is signed in.</summary>
    public async Task<Guid?> IdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return IdOf(state.User);
    }

    public static Guid? IdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;
}
