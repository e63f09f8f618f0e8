using Npgsql;

namespace RunawaysAlliance.Web.Tests;

/// <summary>The PostgreSQL server that ./test.sh starts (RUNAWAYS_TEST_POSTGRES): databases are created and dropped here.</summary>
internal static class PostgresServer
{
    public const string EnvironmentVariable = "RUNAWAYS_TEST_POSTGRES";

    /// <summary>The admin connection string (Database=postgres); a missing one fails the test with a clear message.</summary>
    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set, so the PostgreSQL web tests have no server. Run them with ./test.sh " +
                    "(it starts a throwaway PostgreSQL cluster and sets the variable), or export an admin connection string, " +
                    "e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres.")
                : value;
        }
    }

    public static string ConnectionStringFor(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = pooling }.ConnectionString;

    public static async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static Task DropDatabaseAsync(string database) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
}
