using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// The real migrations on every provider: an empty database migrates to the current model, migrating again
/// changes nothing, and the health check reports what it finds without throwing.
/// </summary>
public abstract class MigrationTests(IStoreFixture fixture)
{
    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationAndReportsHealthy()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync();
        (await store.CheckHealthAsync(Ct)).Status.Should().Be(HealthStatus.Unhealthy, "nothing is migrated yet");

        await using var db = store.CreateContext();
        var all = db.Database.GetMigrations().ToList();
        all.Should().NotBeEmpty();
        (await db.Database.GetPendingMigrationsAsync(Ct)).Should().Equal(all);

        await db.Database.MigrateAsync(Ct);

        (await db.Database.GetAppliedMigrationsAsync(Ct)).Should().Equal(all);
        (await db.Database.GetPendingMigrationsAsync(Ct)).Should().BeEmpty();
        var report = await store.CheckHealthAsync(Ct);
        report.Status.Should().Be(HealthStatus.Healthy);
        report.Entries.Should().ContainKey("database").WhoseValue.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Migrate_SecondTime_IsANoOp()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync();
        await store.Initializer.InitializeAsync(Ct);
        var grid = await TestGrid.CreateAsync(store, cards: 1, moderators: 1);
        var historyRows = await CountMigrationHistoryAsync(store);

        await store.Initializer.InitializeAsync(Ct);
        await using (var db = store.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        (await CountMigrationHistoryAsync(store)).Should().Be(historyRows);
        await using (var db = store.CreateContext())
        {
            (await db.Events.AnyAsync(e => e.Id == grid.EventId, Ct)).Should().BeTrue("migrating again keeps the data");
        }

        (await store.CheckHealthAsync(Ct)).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Model_ComparedWithLatestMigration_HasNoPendingChanges()
    {
        await using var db = Store.CreateContext();

        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration for {0}", _fixture.Provider);
    }

    [Fact]
    public async Task HealthCheck_UnreachableDatabase_ReportsUnhealthyWithoutThrowing()
    {
        await using var store = _fixture.CreateUnreachableStore();

        var check = () => store.CheckHealthAsync(Ct);

        var report = (await check.Should().NotThrowAsync()).Subject;
        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries.Should().ContainKey("database").WhoseValue.Status.Should().Be(HealthStatus.Unhealthy);
    }

    private static async Task<int> CountMigrationHistoryAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        return await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsHistory\"").SingleAsync(Ct);
    }
}
