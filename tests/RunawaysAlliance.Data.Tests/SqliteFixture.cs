using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// SQLite databases as real files in the temporary folder (so that parallel contexts meet real file
/// locking), migrated with the real migrations and deleted at the end.
/// </summary>
public sealed class SqliteFixture : IStoreFixture, IAsyncLifetime
{
    private readonly Lock _gate = new();
    private readonly List<TestSqliteFile> _files = [];
    private readonly List<TestStore> _stores = [];
    private TestStore? _store;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public TestStore Store => _store ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        _store = await CreateEmptyStoreAsync();
        await _store.Initializer.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public Task<TestStore> CreateEmptyStoreAsync(bool seedDemo = false)
    {
        var file = TestSqliteFile.Create("ra_test");
        var store = TestStore.Create(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SeedDemo"] = seedDemo ? "true" : "false",
            ["ConnectionStrings:Sqlite"] = file.ConnectionString,
        });
        lock (_gate)
        {
            _files.Add(file);
            _stores.Add(store);
        }

        return Task.FromResult(store);
    }

    public TestStore CreateUnreachableStore() =>
        TestStore.Create(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"ra_test_missing_{Guid.NewGuid():N}", "nowhere.db")};Mode=ReadWrite",
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        foreach (var file in _files)
        {
            file.Dispose();
        }
    }
}
