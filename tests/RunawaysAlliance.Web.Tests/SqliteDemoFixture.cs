using Microsoft.Data.Sqlite;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Tests;

/// <summary>SQLite files in a temporary folder: a seeded template, copied for every test, all deleted at the end.</summary>
public sealed class SqliteDemoFixture : IDemoFixture, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ra-web-test-{Guid.NewGuid():N}");
    private readonly SemaphoreSlim _webGate = new(1, 1);
    private string _template = string.Empty;
    private RunawaysWebFactory? _web;
    private TestDatabase? _webDatabase;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _template = Path.Combine(_folder, "template.db");
        // No pooling: once the seeding host is gone the file is closed and its WAL folded in, ready to copy.
        var template = new TestDatabase(Provider, $"Data Source={_template};Pooling=False", () => Task.CompletedTask);
        var seeding = await TestApp.StartAsync(template, TestContext.Current.CancellationToken);
        await seeding.DisposeAsync();
    }

    public Task<TestDatabase> CreateDatabaseAsync(CancellationToken ct)
    {
        var file = Path.Combine(_folder, $"ra_web_{Guid.NewGuid():N}.db");
        File.Copy(_template, file);
        if (File.Exists(_template + "-wal"))
        {
            File.Copy(_template + "-wal", file + "-wal");
        }

        var connectionString = $"Data Source={file}";
        var files = new[] { file, file + "-wal", file + "-shm" };
        return Task.FromResult(new TestDatabase(Provider, connectionString,
            remove: () =>
            {
                foreach (var path in files)
                {
                    File.Delete(path);
                    File.Delete(path + ".offline");
                }

                return Task.CompletedTask;
            },
            takeOffline: () =>
            {
                // Idle pooled connections closed and the file moved away: the next query meets an empty database.
                SqliteConnection.ClearPool(new SqliteConnection(connectionString));
                foreach (var path in files.Where(File.Exists))
                {
                    File.Move(path, path + ".offline");
                }

                return Task.CompletedTask;
            }));
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

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        _webGate.Dispose();
    }
}
