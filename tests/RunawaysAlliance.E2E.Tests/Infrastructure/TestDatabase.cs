using Npgsql;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>A database of its own on the test cluster, dropped (connections and all) at the end.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _name;

    private TestDatabase(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string purpose, CancellationToken ct)
    {
        var admin = E2EEnvironment.PostgresAdminConnectionString;
        // PostgreSQL names are at most 63 bytes: "ra_e2e_" + a short purpose + "_" + 32 hex digits.
        var name = $"ra_e2e_{purpose[..Math.Min(purpose.Length, 20)].ToLowerInvariant()}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase(name, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(E2EEnvironment.PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
