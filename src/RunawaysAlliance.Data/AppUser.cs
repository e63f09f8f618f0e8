using Microsoft.AspNetCore.Identity;

namespace RunawaysAlliance.Data;

/// <summary>
/// The sign-in side of a person (ASP.NET Core Identity): same id as the domain's <c>Person</c>.
/// Someone who joined by link has no email and no password until they add a passkey or a password.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}
