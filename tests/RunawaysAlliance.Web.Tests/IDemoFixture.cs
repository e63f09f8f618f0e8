using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// A database server (or folder) with a migrated, demo-seeded template: every test gets its own copy, so that
/// tests that change the board never see each other.
/// </summary>
public interface IDemoFixture
{
    DatabaseProvider Provider { get; }

    /// <summary>A fresh copy of the demo database, removed when disposed (and at the latest with the fixture).</summary>
    Task<DemoDatabase> CreateDatabaseAsync(CancellationToken ct);

    /// <summary>The app over HTTP (in-memory TestServer) on a copy of the demo database, shared by one test class.</summary>
    Task<RunawaysWebFactory> GetWebAppAsync(CancellationToken ct);
}
