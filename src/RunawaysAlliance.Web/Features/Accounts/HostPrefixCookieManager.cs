using Microsoft.AspNetCore.Authentication.Cookies;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// Names the sign-in cookie "__Host-…" when the request came over HTTPS (the browser then guarantees it is
/// Secure, host-only and for the whole site) and keeps the plain name over HTTP (local development), so
/// that one configuration serves both.
/// </summary>
internal sealed class HostPrefixCookieManager : ICookieManager
{
    private const string HostPrefix = "__Host-";
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        _inner.AppendResponseCookie(context, Name(context, key), value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        _inner.DeleteCookie(context, Name(context, key), options);
    }

    private static string Name(HttpContext context, string key) =>
        context.Request.IsHttps && !key.StartsWith(HostPrefix, StringComparison.Ordinal) ? HostPrefix + key : key;
}
