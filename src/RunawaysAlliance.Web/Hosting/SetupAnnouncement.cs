using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RunawaysAlliance.Web.Features.Organize;

namespace RunawaysAlliance.Web.Hosting;

/// <summary>
/// Prints the one-time setup link at start-up while the instance has no administrator. It goes to the
/// console only, never to the log files: it is a secret that makes someone an organizer.
/// </summary>
internal static class SetupAnnouncement
{
    public static async Task AnnounceFirstOrganizerSetupAsync(this WebApplication app)
    {
        string? token;
        try
        {
            token = await app.Services.GetRequiredService<FirstOrganizerSetup>().PrepareAsync(app.Lifetime.ApplicationStopping);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The database is not reachable yet: start anyway (health says why); the link comes at the next start.
            app.Logger.LogWarning(ex, "Could not check for a first organizer; no setup link this time");
            return;
        }

        if (token is null)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            Console.WriteLine();
            Console.WriteLine("  First-time setup: no organizer account exists yet. Open this link once to become the first organizer:");
            Console.WriteLine($"  {address.TrimEnd('/')}/setup/{token}");
            Console.WriteLine("  (The link works until someone uses it or the app restarts.)");
            Console.WriteLine();
        });
    }
}
