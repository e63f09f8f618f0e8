using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// One throwaway database with the demo event in it, described as the configuration the app reads
/// (Database:Provider, ConnectionStrings:*). Disposing it removes the database.
/// </summary>
public sealed class DemoDatabase : IAsyncDisposable
{
    private readonly Func<Task> _remove;
    private readonly Func<Task> _takeOffline;
    private int _disposed;

    internal DemoDatabase(DatabaseProvider provider, string connectionString, Func<Task> remove, Func<Task>? takeOffline = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _remove = remove;
        _takeOffline = takeOffline ?? (() => throw new NotSupportedException("This database cannot be taken offline."));
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The configuration keys that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:MigrateOnStartup"] = "true",
        ["Database:SeedDemo"] = "true",
        [$"ConnectionStrings:{Provider}"] = ConnectionString,
    };

    /// <summary>From now on every query of the app fails, as when the database server goes away.</summary>
    public Task TakeOfflineAsync() => _takeOffline();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _remove();
        }
    }
}
