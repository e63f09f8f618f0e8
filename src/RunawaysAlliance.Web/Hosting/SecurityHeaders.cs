using System.Text.RegularExpressions;

namespace RunawaysAlliance.Web.Hosting;

/// <summary>
/// Security headers on every response. The Content-Security-Policy is strict except for inline styles,
/// which MudBlazor needs; scripts come only from this site, and the page connects only back to it
/// (Blazor's WebSocket included).
/// </summary>
internal static partial class SecurityHeaders
{
    public static IApplicationBuilder UseRunawaysSecurityHeaders(this IApplicationBuilder app)
    {
        // Built once from configuration, never from the request: a Host header is whatever the client typed.
        var policy = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<IConfiguration>()["AllowedHosts"]);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Join links carry a secret code: never send the address to another site.
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }

    /// <summary>
    /// 'self' covers this origin's own ws: and wss: in CSP Level 3 browsers (Chromium, Firefox, Safari 15.4+), which
    /// is all Blazor's WebSocket needs. When <c>AllowedHosts</c> names the public hosts (as it should in production),
    /// each also gets an explicit wss:// source for older browsers; "*" and entries that are no CSP host (IPv6
    /// literals) add nothing.
    /// </summary>
    internal static string ContentSecurityPolicy(string? allowedHosts)
    {
        var sockets = (allowedHosts ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(host => CspHost().IsMatch(host))
            .Select(host => $" wss://{host.ToLowerInvariant()}")
            .Distinct();
        return "default-src 'self'; " +
            "script-src 'self'; " +
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data:; " +
            "font-src 'self' data:; " +
            $"connect-src 'self'{string.Concat(sockets)}; " +
            "frame-ancestors 'none'; " +
            "form-action 'self'; " +
            "base-uri 'self'; " +
            "object-src 'none'";
    }

    /// <summary>A DNS name or IPv4 address, optionally "*." in front (both AllowedHosts and CSP read that the same way).</summary>
    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex CspHost();
}
