using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>What the password forms post.</summary>
public sealed class PasswordInput
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}

/// <summary>The checks the password forms make before Identity's own (which are localized by the error describer).</summary>
internal static class PasswordRules
{
    /// <summary>Long enough for a passphrase, short enough that hashing it costs nothing unusual.</summary>
    public const int MaxLength = 256;

    public static int MinLength(SignInManager<AppUser> signIn) => signIn.Options.Password.RequiredLength;

    /// <summary>A message for the new password and its confirmation, or null when Identity may judge it.</summary>
    public static string? Check(string? password, string? confirmation, IStringLocalizer<SharedResource> l)
    {
        if (string.IsNullOrEmpty(password))
        {
            return l["Password.Missing"];
        }

        if (password.Length > MaxLength)
        {
            return l["Password.TooLong", MaxLength];
        }

        return password == confirmation ? null : l["Password.ConfirmMismatch"].Value;
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description).Distinct());
}
