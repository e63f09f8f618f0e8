using RunawaysAlliance.Data;
using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// Databases on the test PostgreSQL server: a seeded template (ra_web_tpl_&lt;guid&gt;) and a copy of it per test
/// (CREATE DATABASE … TEMPLATE), all dropped WITH (FORCE) at the end.
/// </summary>
public sealed class PostgresDemoFixture : DemoFixture
{
    private readonly SemaphoreSlim _cloneGate = new(1, 1);
    private TestDatabase? _template;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    private TestDatabase Template => _template ?? throw new InvalidOperationException("The fixture is not initialized.");

    public override async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _template = await TestPostgres.CreateDatabaseAsync("ra_web_tpl", ct);
        // No pooling: a template must have no open connections when it is copied.
        var unpooled = TestPostgres.ConnectionStringFor(_template.Name, pooling: false);
        await SeedAsync(new DemoDatabase(Provider, unpooled, () => Task.CompletedTask), ct);
    }

    protected override async Task<DemoDatabase> CopyTemplateAsync(CancellationToken ct)
    {
        TestDatabase copy;
        await _cloneGate.WaitAsync(ct);
        try
        {
            copy = await Template.CreateCopyAsync("ra_web", ct);
        }
        finally
        {
            _cloneGate.Release();
        }

        return new DemoDatabase(Provider, copy.ConnectionString,
            remove: async () => await copy.DisposeAsync(),
            takeOffline: async () =>
            {
                await TestPostgres.ExecuteAsync($"ALTER DATABASE \"{copy.Name}\" WITH ALLOW_CONNECTIONS false", ct);
                await TestPostgres.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{copy.Name}'", ct);
            });
    }

    protected override async ValueTask RemoveTemplateAsync()
    {
        if (_template is not null)
        {
            await _template.DisposeAsync();
        }

        _cloneGate.Dispose();
    }
}
