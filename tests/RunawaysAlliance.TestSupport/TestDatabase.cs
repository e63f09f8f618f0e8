namespace RunawaysAlliance.TestSupport;

/// <summary>A database of its own on the test PostgreSQL server, dropped WITH (FORCE) when disposed (once, however often).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private int _dropped;

    internal TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// A new database that starts as a copy of this one (CREATE DATABASE … TEMPLATE), dropped when disposed.
    /// PostgreSQL refuses to copy a database that has open connections, including another copy in progress.
    /// </summary>
    public Task<TestDatabase> CreateCopyAsync(string prefix, CancellationToken ct) =>
        TestPostgres.CreateDatabaseAsync(prefix, Name, ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            await TestPostgres.DropDatabaseAsync(Name);
        }
    }
}
