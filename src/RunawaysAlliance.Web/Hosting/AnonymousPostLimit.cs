using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Hosting;

/// <summary>The <c>RateLimits:AnonymousPosts</c> configuration section.</summary>
public sealed class AnonymousPostLimitOptions
{
    public const string Section = "RateLimits:AnonymousPosts";

    /// <summary>
    /// How many anonymous writes one client key may send at once. At a venue without the app's own proxy the
    /// whole hall is one key: 140 people joining (one POST each, a retry or two for a refused name) and signing in
    /// (a passkey-options POST and the sign-in POST) fit, and so does the join limit's own burst of 200, so that
    /// the join and sign-in pages, not this limit, answer first and in the reader's words.
    /// </summary>
    public int Burst { get; set; } = 600;

    /// <summary>Tokens added back each minute.</summary>
    public int PerMinute { get; set; } = 300;
}

/// <summary>
/// ASP.NET Core's rate limiter for writes by someone not signed in (joining, signing in, passkey options, forms
/// without a session), per client key (<see cref="ClientKey"/>): a flood of them is answered with 429, a short
/// text and Retry-After, and costs one request-log line instead of antiforgery failures, database work or
/// password hashing. Signed-in writes are limited per person inside the services (<see cref="RateLimits"/>).
/// </summary>
internal static class AnonymousPostLimit
{
    private const string NotLimited = "signed-in-or-read";

    public static IHostApplicationBuilder AddRunawaysAnonymousPostLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnonymousPostLimitOptions>().BindConfiguration(AnonymousPostLimitOptions.Section);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<AnonymousPostLimitOptions>>((options, configured) =>
        {
            var limit = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsAnonymousWrite(context)
                ? RateLimitPartition.GetTokenBucketLimiter(ClientKey.Of(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit.Burst,
                    TokensPerPeriod = limit.PerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(NotLimited));
            options.OnRejected = RefuseAsync;
        });
        return builder;
    }

    /// <summary>
    /// Any write (POST, PUT, DELETE, PATCH) without a signed-in user. Blazor's hub (/_blazor: negotiate, the
    /// long-polling fallback, disconnect beacons) is not counted: its requests belong to open pages, and a hall
    /// reconnecting after a restart must not run into a form limit.
    /// </summary>
    private static bool IsAnonymousWrite(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) &&
        !HttpMethods.IsHead(context.Request.Method) &&
        !HttpMethods.IsOptions(context.Request.Method) &&
        !HttpMethods.IsTrace(context.Request.Method) &&
        context.User.Identity?.IsAuthenticated != true &&
        !context.Request.Path.StartsWithSegments("/_blazor");

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        // The request-log line (status 429) is the one line a refusal costs; the reason only when someone asks for
        // it. Never the client's address: that is personal data.
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AnonymousPostLimit))
            .LogDebug("Refused {RequestMethod} {RequestPath}: too many anonymous writes from one client",
                context.Request.Method, WebHosting.MaskSecrets(context.Request.Path));
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["RateLimit.AnonymousPosts", seconds];
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text + "\n", ct);
    }
}
