using System.Collections.Concurrent;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// Databases on the test PostgreSQL server: a seeded template (ra_web_tpl_&lt;guid&gt;) and a copy of it per test
/// (CREATE DATABASE … TEMPLATE), all dropped WITH (FORCE) at the end.
/// </summary>
public sealed class PostgresDemoFixture : IDemoFixture, IAsyncLifetime
{
    private readonly string _template = $"ra_web_tpl_{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, byte> _databases = new();
    private readonly SemaphoreSlim _cloneGate = new(1, 1);
    private readonly SemaphoreSlim _webGate = new(1, 1);
    private RunawaysWebFactory? _web;
    private TestDatabase? _webDatabase;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await PostgresServer.ExecuteAsync($"CREATE DATABASE \"{_template}\"", ct);
        _databases[_template] = 0;
        // No pooling: a template must have no open connections when it is copied.
        var template = new TestDatabase(Provider, PostgresServer.ConnectionStringFor(_template, pooling: false), () => Task.CompletedTask);
        var seeding = await TestApp.StartAsync(template, ct);
        await seeding.DisposeAsync();
    }

    public async Task<TestDatabase> CreateDatabaseAsync(CancellationToken ct)
    {
        var name = $"ra_web_{Guid.NewGuid():N}";
        await _cloneGate.WaitAsync(ct);
        try
        {
            await PostgresServer.ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"", ct);
            _databases[name] = 0;
        }
        finally
        {
            _cloneGate.Release();
        }

        return new TestDatabase(Provider, PostgresServer.ConnectionStringFor(name),
            remove: async () =>
            {
                await PostgresServer.DropDatabaseAsync(name);
                _databases.TryRemove(name, out _);
            },
            takeOffline: async () =>
            {
                await PostgresServer.ExecuteAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false", ct);
                await PostgresServer.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'", ct);
            });
    }

    public async Task<RunawaysWebFactory> GetWebAppAsync(CancellationToken ct)
    {
        await _webGate.WaitAsync(ct);
        try
        {
            if (_web is null)
            {
                _webDatabase = await CreateDatabaseAsync(ct);
                _web = new RunawaysWebFactory(_webDatabase.Settings);
            }

            return _web;
        }
        finally
        {
            _webGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_webDatabase is not null)
        {
            await _webDatabase.DisposeAsync();
        }

        foreach (var name in _databases.Keys)
        {
            await PostgresServer.DropDatabaseAsync(name);
        }

        _cloneGate.Dispose();
        _webGate.Dispose();
    }
}
