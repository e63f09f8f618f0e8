using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using RunawaysAlliance.Data;
using RunawaysAlliance.Web.Components;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Export;
using RunawaysAlliance.Web.Features.Accounts;
using RunawaysAlliance.Web.Features.Organize;
using RunawaysAlliance.Web.Features.People;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;
using Serilog;
using Serilog.Events;

namespace RunawaysAlliance.Web.Hosting;

/// <summary>The web app's services and pipeline, kept out of Program.cs so that it stays short.</summary>
public static class WebHosting
{
    /// <summary>The cultures the UI is translated into; the first is the fallback.</summary>
    public static readonly string[] SupportedCultures = ["en", "ko"];

    public static IHostApplicationBuilder AddRunawaysLogging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
        return builder;
    }

    public static IHostApplicationBuilder AddRunawaysWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents()
            // Must fit the largest message a page sends: a text field at its browser limit (maxlength, UTF-16 units)
            // in UTF-8, or the card form's browser copy pushed after a reconnect, plus the JSON around it. The default
            // 32 KB is less than one 12,000-character Hangul paste; an oversized message drops the connection.
            .AddHubOptions(options => options.MaximumReceiveMessageSize = InputLimits.HubMessageBytes);
        services.AddMudServices();
        services.AddRunawaysIdentity();
        // Send Hangul as text, not as &#x…; references: smaller pages, readable HTML. Encoding stays on for markup characters.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(SupportedCultures[0])
                .AddSupportedCultures(SupportedCultures)
                .AddSupportedUICultures(SupportedCultures);
            options.ApplyCurrentCultureToResponseHeaders = true;
        });
        services.AddSingleton<LiveBoards>();
        services.AddSingleton<BoardQueries>();
        services.AddSingleton<Features.Schedule.ScheduleQueries>();
        services.AddSingleton<CalendarFeedService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<SeatService>();
        services.AddSingleton<SessionTimerService>();
        services.AddSingleton<SessionRecordService>();
        services.AddSingleton<FeedbackService>();
        services.AddSingleton<KudosService>();
        services.AddSingleton<Features.FollowUps.FollowUpService>();
        services.AddSingleton<Features.Archive.ArchiveService>();
        services.AddSingleton<Features.Archive.EventRetention>();
        services.AddHostedService<Features.Archive.RetentionWorker>();
        services.AddSingleton<RunawaysAlliance.Web.Features.People.CreditsService>();
        services.AddSingleton<RunawaysAlliance.Web.Features.Retro.RetroService>();
        services.AddSingleton<EventGate>();
        services.AddSingleton<CardService>();
        services.AddSingleton<CardQueries>();
        services.AddSingleton<Features.Plan.PlanService>();
        services.AddSingleton<Features.Plan.PlannerRuns>();
        services.AddSingleton<RateLimits>();
        services.AddScoped<JoinService>();
        services.AddSingleton<OrganizeService>();
        services.AddSingleton<SetupService>();
        services.AddSingleton<Features.Wall.WallAccess>();
        services.AddSingleton<Features.Export.SessionArchive>();
        services.AddSingleton<Features.Export.ExportStamps>();
        services.AddSingleton<FirstOrganizerSetup>();
        services.AddRunawaysPeople();
        builder.AddRunawaysReverseProxy();
        builder.AddRunawaysAnonymousPostLimit();
        return builder;
    }

    public static WebApplication UseRunawaysWeb(this WebApplication app)
    {
        app.UseRunawaysForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseRunawaysSecurityHeaders();
        app.UseSerilogRequestLogging(options =>
        {
            // This app's logger, not the process-wide static one (several hosts share a process in tests).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            // The path, never the query string; and secrets in paths (join codes, setup tokens) are masked.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
            [
                new("RequestMethod", new ScalarValue(context.Request.Method)),
                new("RequestPath", new ScalarValue(MaskSecrets(path))),
                new("StatusCode", new ScalarValue(status)),
                new("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<BadRequests>();
        app.UseRequestLocalization();
        app.UseAuthentication();
        // After authentication (signed-in writes are not counted here) and localization (the refusal's language).
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapGet("/culture/set", SetCulture);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapPeopleEndpoints();
        app.MapExportEndpoints();

        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
                DataServiceExtensions.SqliteConnectionString(app.Configuration)).DataSource;
            app.Logger.LogInformation("Embedded store: {DatabaseFile}", Path.GetFullPath(source));
        }

        return app;
    }

    /// <summary>"/join/AbC123…" becomes "/join/***": a join code, setup token or calendar token in a log is a key left lying around.</summary>
    internal static string MaskSecrets(string path)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["/join/", "/setup/"])
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return prefix + "***";
            }
        }

        // A personal calendar feed: /events/{slug}/calendar/{token}.ics keeps its event, not its secret.
        var calendar = path.IndexOf("/calendar/", StringComparison.OrdinalIgnoreCase);
        return path.StartsWith("/events/", StringComparison.OrdinalIgnoreCase) && calendar > 0
            ? path[..(calendar + "/calendar/".Length)] + "***"
            : path;
    }

    /// <summary>Sets the language cookie and goes back to where the person was (local addresses only).</summary>
    private static IResult SetCulture(HttpContext context, string? culture, string? returnUrl)
    {
        var chosen = SupportedCultures.Contains(culture) ? culture! : SupportedCultures[0];
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
        return Results.LocalRedirect(ReturnUrls.LocalOrHome(returnUrl));
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            totalMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
            time = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
