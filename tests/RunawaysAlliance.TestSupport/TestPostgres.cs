using System.Text.RegularExpressions;
using Npgsql;

namespace RunawaysAlliance.TestSupport;

/// <summary>
/// The PostgreSQL server the tests run against: the throwaway cluster that ./test.sh starts and hands over in
/// RUNAWAYS_TEST_POSTGRES as an admin connection string (Database=postgres). Tests make their own databases here.
/// </summary>
public static partial class TestPostgres
{
    public const string EnvironmentVariable = "RUNAWAYS_TEST_POSTGRES";

    /// <summary>The admin connection string; a missing one fails the test with a message that says what to do.</summary>
    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set, so the PostgreSQL tests have no server. Run them with ./test.sh " +
                    "(it starts a throwaway PostgreSQL cluster and sets the variable), or export an admin connection string, " +
                    "e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres.")
                : value;
        }
    }

    /// <summary>The connection string for <paramref name="database"/> on the test server.</summary>
    public static string ConnectionStringFor(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>Runs one statement as the admin, on the postgres database.</summary>
    public static async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A new, empty database named <paramref name="prefix"/>_&lt;guid&gt; (e.g. ra_test_3f2a…); disposing it drops it
    /// WITH (FORCE), open connections and all.
    /// </summary>
    public static Task<TestDatabase> CreateDatabaseAsync(string prefix, CancellationToken ct) =>
        CreateDatabaseAsync(prefix, template: null, ct);

    internal static async Task<TestDatabase> CreateDatabaseAsync(string prefix, string? template, CancellationToken ct)
    {
        // PostgreSQL names are at most 63 bytes: the prefix, "_" and 32 hex digits.
        if (!DatabasePrefix().IsMatch(prefix))
        {
            throw new ArgumentException($"A database prefix is 1 to 30 of a-z, 0-9 and _, not '{prefix}'.", nameof(prefix));
        }

        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", ct);
        return new TestDatabase(name, ConnectionStringFor(name));
    }

    internal static Task DropDatabaseAsync(string name) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);

    [GeneratedRegex("^[a-z0-9_]{1,30}$")]
    private static partial Regex DatabasePrefix();
}
