using RunawaysAlliance.Data;
using RunawaysAlliance.Web.Hosting;
using Serilog;

// A plain console logger for start-up failures; the configured logger replaces it in DI only, so that
// several hosts in one process (tests) never fight over the static one.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    // Serve the build's static web assets when run from bin/ (not only from a publish folder or in Development).
    builder.WebHost.UseStaticWebAssets();
    builder.AddRunawaysLogging();
    builder.AddRunawaysData();
    builder.AddRunawaysWeb();

    var app = builder.Build();
    await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    app.UseRunawaysWeb();
    await app.AnnounceFirstOrganizerSetupAsync();
    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The app stopped because of an unhandled error");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
