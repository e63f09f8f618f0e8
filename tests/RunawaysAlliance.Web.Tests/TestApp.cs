using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Hosting;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// The app's services without HTTP: a host built with the app's own registrations (AddRunawaysData and
/// AddRunawaysWeb) over a test database, initialized and started as Program.cs does it.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly bool _ownsDatabase;

    private TestApp(IHost host, DemoDatabase database, bool ownsDatabase)
    {
        _host = host;
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public IServiceProvider Services => _host.Services;

    public DemoDatabase Database { get; }

    public LiveBoards Boards => Services.GetRequiredService<LiveBoards>();

    public SessionService Sessions => Services.GetRequiredService<SessionService>();

    public IEventFeed Feed => Services.GetRequiredService<IEventFeed>();

    /// <summary>Records what this instance announces for an event from now on (the subscription ends with the app).</summary>
    public FeedLog Listen(Guid eventId)
    {
        var log = new FeedLog();
        _ = Feed.Subscribe(eventId, log.Add);
        return log;
    }

    public IDbContextFactory<AppDbContext> Store => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>Starts the app on a fresh copy of the fixture's demo database; disposing the app removes the copy too.</summary>
    public static async Task<TestApp> StartAsync(IDemoFixture fixture, CancellationToken ct)
    {
        var database = await fixture.CreateDatabaseAsync(ct);
        try
        {
            return await StartAsync(database, ownsDatabase: true, ct);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the app on a fresh copy of the fixture's demo database, with <paramref name="configureServices"/>
    /// run after the app's own registrations (for example to add an EF Core interceptor with ConfigureDbContext).
    /// </summary>
    public static async Task<TestApp> StartAsync(IDemoFixture fixture, Action<IServiceCollection> configureServices, CancellationToken ct)
    {
        var database = await fixture.CreateDatabaseAsync(ct);
        try
        {
            return await StartAsync(database, ownsDatabase: true, ct, configureServices);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the app on <paramref name="database"/>, which stays the caller's to dispose.</summary>
    public static Task<TestApp> StartAsync(DemoDatabase database, CancellationToken ct) => StartAsync(database, ownsDatabase: false, ct);

    /// <summary>
    /// Starts the app on <paramref name="database"/> (the caller's to dispose) with <paramref name="configureServices"/>:
    /// a second app on the same store is a restart (the clock can be moved between the two).
    /// </summary>
    public static Task<TestApp> StartAsync(DemoDatabase database, Action<IServiceCollection> configureServices, CancellationToken ct) =>
        StartAsync(database, ownsDatabase: false, ct, configureServices);

    private static async Task<TestApp> StartAsync(DemoDatabase database, bool ownsDatabase, CancellationToken ct, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(database.Settings);
        builder.AddRunawaysData();
        builder.AddRunawaysWeb();
        configureServices?.Invoke(builder.Services);
        var app = new TestApp(builder.Build(), database, ownsDatabase);
        try
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            await app._host.StartAsync(ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
