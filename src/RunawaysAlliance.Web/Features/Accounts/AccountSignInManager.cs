using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in manager with one addition: a passkey sign-in that honours "remember me"
/// (Identity's own <c>PasskeySignInAsync</c> always signs in for the browser session only).
/// </summary>
internal sealed class AccountSignInManager(
        UserManager<AppUser> userManager,
        IHttpContextAccessor contextAccessor,
        IUserClaimsPrincipalFactory<AppUser> claimsFactory,
        IOptions<IdentityOptions> optionsAccessor,
        ILogger<SignInManager<AppUser>> logger,
        IAuthenticationSchemeProvider schemes,
        IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // A hash to check against when there is no real one, so that a sign-in with an unknown user name (or for an
    // account without a password) takes about as long as one with a wrong password.
    private static readonly Lazy<string> StandInHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    /// <summary>
    /// Password sign-in by user name with lockout. Unknown user names, accounts without a password and wrong
    /// passwords all fail the same way and in about the same time.
    /// </summary>
    public async Task<(SignInResult Result, AppUser? User)> PasswordSignInByNameAsync(string userName, string password, bool isPersistent)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null || user.PasswordHash is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), StandInHash.Value, password);
        }

        if (user is null)
        {
            return (SignInResult.Failed, null);
        }

        return (await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true), user);
    }

    /// <summary>Checks the passkey assertion and signs its owner in; a locked-out account stays locked out.</summary>
    public async Task<(SignInResult Result, AppUser? User)> PasskeySignInAsync(string credentialJson, bool isPersistent)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialJson);
        var assertion = await PerformPasskeyAssertionAsync(credentialJson);
        if (!assertion.Succeeded)
        {
            return (SignInResult.Failed, null);
        }

        var refused = await PreSignInCheck(assertion.User);
        if (refused is not null)
        {
            return (refused, assertion.User);
        }

        // The latest sign count and authenticator flags are kept, so that a cloned authenticator can be noticed.
        var updated = await UserManager.AddOrUpdatePasskeyAsync(assertion.User, assertion.Passkey);
        if (!updated.Succeeded)
        {
            return (SignInResult.Failed, assertion.User);
        }

        // A passkey is already possession plus a PIN or biometric: no second factor on top.
        var result = await SignInOrTwoFactorAsync(assertion.User, isPersistent, loginProvider: null, bypassTwoFactor: true);
        return (result, assertion.User);
    }
}
