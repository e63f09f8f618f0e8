namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>Where to go after signing in or out: a path on this site, never another site.</summary>
internal static class ReturnUrls
{
    /// <summary>The path itself when it is local ("/x", not "//host" or "/\host"), otherwise home.</summary>
    public static string LocalOrHome(string? url) => IsLocalPath(url) ? url! : "/";

    /// <summary>After signing out, account pages would only ask to sign in again: those go home.</summary>
    public static string AfterSignOut(string? url)
    {
        var local = LocalOrHome(url);
        return local.Equals("/account", StringComparison.OrdinalIgnoreCase) ||
               local.StartsWith("/account/", StringComparison.OrdinalIgnoreCase) ||
               local.StartsWith("/account?", StringComparison.OrdinalIgnoreCase)
            ? "/"
            : local;
    }

    /// <summary>The sign-in address that comes back to <paramref name="path"/> (account pages come back home).</summary>
    public static string SignInFor(string path)
    {
        var back = AfterSignOut(path);
        return back == "/" ? "/account/sign-in" : $"/account/sign-in?returnUrl={Uri.EscapeDataString(back)}";
    }

    private static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' &&
        (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) &&
        !url.Any(char.IsControl);
}
