namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// A one-shot message that survives the redirect after a form post (post/redirect/get). The cookie carries a
/// resource key, never text, so that it is shown in the reader's language and cannot be forged into arbitrary text.
/// </summary>
internal static class AccountStatus
{
    public const string PasskeyAdded = "Account.Status.PasskeyAdded";
    public const string PasskeyRenamed = "Account.Status.PasskeyRenamed";
    public const string PasskeyDeleted = "Account.Status.PasskeyDeleted";
    public const string PasswordSet = "Account.Status.PasswordSet";
    public const string PasswordChanged = "Account.Status.PasswordChanged";
    public const string PasskeyNotFound = "Account.Error.PasskeyNotFound";
    public const string PasskeyNotSaved = "Account.Error.PasskeyNotSaved";

    private const string CookieName = "ra.account-status";

    private static readonly HashSet<string> Successes = [PasskeyAdded, PasskeyRenamed, PasskeyDeleted, PasswordSet, PasswordChanged];
    private static readonly HashSet<string> Errors = [PasskeyNotFound, PasskeyNotSaved];

    public static void Set(HttpContext context, string key) =>
        context.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            Path = "/account",
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(1),
        });

    /// <summary>The message key left for this request (and forgets it), or null.</summary>
    public static (string Key, bool IsError)? Take(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var key))
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/account", Secure = context.Request.IsHttps });
        return Successes.Contains(key) ? (key, false) : Errors.Contains(key) ? (key, true) : null;
    }
}
