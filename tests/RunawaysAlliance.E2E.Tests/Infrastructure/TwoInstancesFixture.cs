using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>Two app instances (two hosts, two ports) on one PostgreSQL database, like a scaled-out deployment.</summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private RunawaysApp? _a;
    private RunawaysApp? _b;

    internal RunawaysApp A => _a ?? throw new InvalidOperationException("Instance A is not started.");

    internal RunawaysApp B => _b ?? throw new InvalidOperationException("Instance B is not started.");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await TestPostgres.CreateDatabaseAsync("ra_e2e_multi", ct);
        // B starts only once A is healthy: A has migrated and seeded, so B finds the demo event in place.
        try
        {
            _a = await RunawaysApp.StartAsync(_database.ConnectionString, ct);
            _b = await RunawaysApp.StartAsync(_database.ConnectionString, ct);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _a = null;
        _b = null;
        _database = null;
    }
}
