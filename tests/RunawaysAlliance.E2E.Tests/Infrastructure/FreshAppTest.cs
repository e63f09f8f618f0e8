using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// A test class that changes the demo event in ways others must not see: each test gets its own PostgreSQL database
/// and its own app on it, dropped afterwards.
/// </summary>
public abstract class FreshAppTest(ChromiumFixture chromium, string databasePrefix) : IAsyncLifetime
{
    private TestDatabase? _database;
    private RunawaysApp? _app;

    protected ChromiumFixture Chromium { get; } = chromium;

    protected RunawaysApp App => _app ?? throw new InvalidOperationException("The app is not started.");

    public async ValueTask InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(databasePrefix, TestContext.Current.CancellationToken);
        _app = await RunawaysApp.StartAsync(_database.ConnectionString, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
