using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// Identity's error messages in the reader's language (English or Korean), for the errors a person can meet
/// on the account pages. The codes stay Identity's, so logs and tests can rely on them.
/// </summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Identity.DefaultError"]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), l["Identity.ConcurrencyFailure"]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["Identity.PasswordMismatch"]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["Identity.PasswordTooShort", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), l["Identity.PasswordRequiresUniqueChars", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), l["Identity.PasswordRequiresNonAlphanumeric"]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), l["Identity.PasswordRequiresDigit"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), l["Identity.PasswordRequiresLower"]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), l["Identity.PasswordRequiresUpper"]);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), l["Identity.UserAlreadyHasPassword"]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
