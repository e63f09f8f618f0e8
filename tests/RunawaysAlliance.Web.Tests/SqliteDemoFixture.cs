using Microsoft.Data.Sqlite;
using RunawaysAlliance.Data;
using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.Web.Tests;

/// <summary>SQLite files in the temporary folder: a seeded template, copied for every test, all deleted at the end.</summary>
public sealed class SqliteDemoFixture : DemoFixture
{
    private TestSqliteFile? _template;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private TestSqliteFile Template => _template ?? throw new InvalidOperationException("The fixture is not initialized.");

    public override async ValueTask InitializeAsync()
    {
        _template = TestSqliteFile.Create("ra_web_tpl");
        // No pooling: once the seeding host is gone the file is closed and its WAL folded in, ready to copy.
        var unpooled = $"{_template.ConnectionString};Pooling=False";
        await SeedAsync(new DemoDatabase(Provider, unpooled, () => Task.CompletedTask), TestContext.Current.CancellationToken);
    }

    protected override Task<DemoDatabase> CopyTemplateAsync(CancellationToken ct)
    {
        var file = Template.Copy("ra_web");
        return Task.FromResult(new DemoDatabase(Provider, file.ConnectionString,
            remove: () =>
            {
                file.Dispose();
                foreach (var path in file.Files)
                {
                    File.Delete(path + ".offline");
                }

                return Task.CompletedTask;
            },
            takeOffline: () =>
            {
                // Idle pooled connections closed and the files moved away: the next query meets an empty database.
                SqliteConnection.ClearPool(new SqliteConnection(file.ConnectionString));
                foreach (var path in file.Files.Where(File.Exists))
                {
                    File.Move(path, path + ".offline");
                }

                return Task.CompletedTask;
            }));
    }

    protected override ValueTask RemoveTemplateAsync()
    {
        _template?.Dispose();
        return ValueTask.CompletedTask;
    }
}
