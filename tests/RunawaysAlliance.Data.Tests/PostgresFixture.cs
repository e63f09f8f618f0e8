using Npgsql;
using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// Databases on the throwaway PostgreSQL cluster that ./test.sh starts. Each fixture creates its own
/// databases (ra_test_&lt;guid&gt;), migrates them with the real migrations and drops them at the end.
/// </summary>
public sealed class PostgresFixture : IStoreFixture, IAsyncLifetime
{
    private readonly Lock _gate = new();
    private readonly List<TestDatabase> _databases = [];
    private readonly List<TestStore> _stores = [];
    private TestStore? _store;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public TestStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        _store = await CreateEmptyStoreAsync();
        await _store.Initializer.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public async Task<TestStore> CreateEmptyStoreAsync(bool seedDemo = false)
    {
        var database = await TestPostgres.CreateDatabaseAsync("ra_test", TestContext.Current.CancellationToken);
        var store = TestStore.Create(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:SeedDemo"] = seedDemo ? "true" : "false",
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
        });
        lock (_gate)
        {
            _databases.Add(database);
            _stores.Add(store);
        }

        return store;
    }

    public TestStore CreateUnreachableStore()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString)
        {
            Host = "127.0.0.1",
            Port = TestPorts.Unused(),
            Database = "ra_test_unreachable",
            Timeout = 5,
        }.ConnectionString;
        return TestStore.Create(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = connectionString,
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
