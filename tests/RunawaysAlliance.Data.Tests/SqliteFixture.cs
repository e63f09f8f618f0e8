using Microsoft.Data.Sqlite;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// SQLite databases as real files in a temporary folder (so that parallel contexts meet real file
/// locking), migrated with the real migrations and deleted at the end.
/// </summary>
public sealed class SqliteFixture : IStoreFixture, IAsyncLifetime
{
    private readonly Lock _gate = new();
    private readonly List<TestStore> _stores = [];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ra-test-{Guid.NewGuid():N}");
    private TestStore? _store;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public TestStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _store = await CreateEmptyStoreAsync();
        await _store.Initializer.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public Task<TestStore> CreateEmptyStoreAsync(bool seedDemo = false)
    {
        var file = Path.Combine(_folder, $"ra_test_{Guid.NewGuid():N}.db");
        var store = TestStore.Create(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SeedDemo"] = seedDemo ? "true" : "false",
            ["ConnectionStrings:Sqlite"] = $"Data Source={file}",
        });
        lock (_gate)
        {
            _stores.Add(store);
        }

        return Task.FromResult(store);
    }

    public TestStore CreateUnreachableStore() =>
        TestStore.Create(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(_folder, "missing-folder", "nowhere.db")};Mode=ReadWrite",
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
