using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// One "instance of the app" as far as the store is concerned: a host built exactly as the app builds it
/// (<see cref="DataServiceExtensions.AddRunawaysData"/> over a configuration dictionary).
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly IHost _host;
    private bool _feedStarted;
    private bool _disposed;

    private TestStore(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRunawaysData();
        builder.Services.AddSingleton(TimeProvider.System);
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    public IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public DatabaseInitializer Initializer => Services.GetRequiredService<DatabaseInitializer>();

    public IEventFeed Feed => Services.GetRequiredService<IEventFeed>();

    public static TestStore Create(IReadOnlyDictionary<string, string?> settings) => new(settings);

    /// <summary>A second, independent instance of the app on the same database.</summary>
    public TestStore OpenAnother() => new(_settings);

    public AppDbContext CreateContext() => Factory.CreateDbContext();

    public async Task<HealthReport> CheckHealthAsync(CancellationToken cancellationToken) =>
        await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);

    /// <summary>Starts the PostgreSQL change feed's LISTEN loop and waits until it listens.</summary>
    public async Task<PostgresEventFeed> StartPostgresFeedAsync(CancellationToken cancellationToken)
    {
        var feed = Services.GetRequiredService<PostgresEventFeed>();
        await feed.StartAsync(cancellationToken);
        _feedStarted = true;
        await feed.Listening.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return feed;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_feedStarted)
        {
            await Services.GetRequiredService<PostgresEventFeed>().StopAsync(CancellationToken.None);
        }

        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
