using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>One app instance on a database of its own, seeded with the demo event; shared by a test class.</summary>
public sealed class DemoBoardFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private RunawaysApp? _app;

    internal RunawaysApp App => _app ?? throw new InvalidOperationException("The app is not started.");

    public Uri BaseAddress => App.BaseAddress;

    public async ValueTask InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("ra_e2e_board", TestContext.Current.CancellationToken);
        try
        {
            _app = await RunawaysApp.StartAsync(_database.ConnectionString, TestContext.Current.CancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
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

        _app = null;
        _database = null;
    }
}
