using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in manager with three changes: password sign-in goes through <see cref="SignInThrottle"/>
/// (growing delays) instead of Identity's lockout, no account is ever treated as locked out, and a passkey
/// sign-in honours "remember me" (Identity's own <c>PasskeySignInAsync</c> always signs in for the browser
/// session only).
/// </summary>
internal sealed class AccountSignInManager(
        UserManager<AppUser> userManager,
        IHttpContextAccessor contextAccessor,
        IUserClaimsPrincipalFactory<AppUser> claimsFactory,
        IOptions<IdentityOptions> optionsAccessor,
        ILogger<SignInManager<AppUser>> logger,
        IAuthenticationSchemeProvider schemes,
        IUserConfirmation<AppUser> confirmation,
        SignInThrottle throttle)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // A hash to check against when there is no real one, so that a sign-in with an unknown user name (or for an
    // account without a password) takes about as long as one with a wrong password.
    private static readonly Lazy<string> StandInHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    /// <summary>
    /// Password sign-in by user name, throttled per user name and per client (<paramref name="clientKey"/>, see
    /// <see cref="Shared.ClientKey"/>). Unknown user names, accounts without a password and wrong passwords
    /// all fail the same way and in about the same time; a throttled attempt checks no password at all.
    /// </summary>
    public async Task<PasswordSignInOutcome> PasswordSignInByNameAsync(string userName, string password, bool isPersistent, string clientKey)
    {
        var attempt = throttle.TryBegin(userName, clientKey);
        if (!attempt.IsAllowed)
        {
            return PasswordSignInOutcome.Throttled(attempt);
        }

        var user = await UserManager.FindByNameAsync(userName);
        if (user is null || user.PasswordHash is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), StandInHash.Value, password);
        }

        if (user is null)
        {
            return new PasswordSignInOutcome(SignInResult.Failed, null, attempt);
        }

        // No lockout: failures are counted by the throttle, which a passkey never consults.
        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(attempt);
        }

        return new PasswordSignInOutcome(result, user, attempt);
    }

    /// <summary>Checks the passkey assertion and signs its owner in, however many wrong passwords were tried on the account.</summary>
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

    /// <summary>
    /// Never locked out. Lockout is off (IdentityHosting), and this also covers accounts that were locked before it
    /// was: a stranger's wrong passwords must not keep the owner's passkey (or, after the throttle's delay, their
    /// password) out. Identity asks this before every sign-in, passkeys included.
    /// </summary>
    protected override Task<bool> IsLockedOut(AppUser user) => Task.FromResult(false);
}

/// <summary>What a password sign-in came to: Identity's result and the account, or a wait the throttle asked for.</summary>
public sealed record PasswordSignInOutcome(SignInResult Result, AppUser? User, SignInAttempt Attempt)
{
    public bool IsThrottled => !Attempt.IsAllowed;

    public static PasswordSignInOutcome Throttled(SignInAttempt attempt) => new(SignInResult.Failed, null, attempt);
}
