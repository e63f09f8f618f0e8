namespace RunawaysAlliance.Web.Hosting;

/// <summary>
/// Security headers on every response. The Content-Security-Policy is strict except for inline styles,
/// which MudBlazor needs; scripts come only from this site, and the page connects only back to it
/// (Blazor's WebSocket included).
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseRunawaysSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                var host = http.Request.Host.Value;
                var socket = http.Request.IsHttps ? $"wss://{host}" : $"ws://{host}";
                headers.ContentSecurityPolicy =
                    "default-src 'self'; " +
                    "script-src 'self'; " +
                    "style-src 'self' 'unsafe-inline'; " +
                    "img-src 'self' data:; " +
                    "font-src 'self' data:; " +
                    $"connect-src 'self' {socket}; " +
                    "frame-ancestors 'none'; " +
                    "form-action 'self'; " +
                    "base-uri 'self'; " +
                    "object-src 'none'";
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
