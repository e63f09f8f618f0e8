using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// Databases on the throwaway PostgreSQL cluster that ./test.sh starts. Each fixture creates its own
/// databases (ra_test_&lt;guid&gt;), migrates them with the real migrations and drops them at the end.
/// </summary>
public sealed class PostgresFixture : IStoreFixture, IAsyncLifetime
{
    public const string EnvironmentVariable = "RUNAWAYS_TEST_POSTGRES";

    private readonly Lock _gate = new();
    private readonly List<string> _databases = [];
    private readonly List<TestStore> _stores = [];
    private TestStore? _store;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public TestStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The admin connection string (Database=postgres) of the test cluster.</summary>
    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set, so the PostgreSQL store tests have no server. Run them with ./test.sh " +
                    "(it starts a throwaway PostgreSQL cluster and sets the variable), or export an admin connection string, " +
                    "e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres.")
                : value;
        }
    }

    public async ValueTask InitializeAsync()
    {
        _store = await CreateEmptyStoreAsync();
        await _store.Initializer.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public async Task<TestStore> CreateEmptyStoreAsync(bool seedDemo = false)
    {
        var name = $"ra_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        var store = TestStore.Create(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:SeedDemo"] = seedDemo ? "true" : "false",
            ["ConnectionStrings:Postgres"] = connectionString,
        });
        lock (_gate)
        {
            _databases.Add(name);
            _stores.Add(store);
        }

        return store;
    }

    public TestStore CreateUnreachableStore()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Host = "127.0.0.1",
            Port = ClosedPort(),
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
        if (_databases.Count == 0)
        {
            return;
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A port nothing listens on: bind an ephemeral port, then let it go.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
