using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// A test class that changes the demo event in ways others must not see: each test gets its own PostgreSQL database
/// and its own app on it, dropped afterwards.
/// </summary>
public abstract class FreshAppTest(ChromiumFixture chromium, string databasePrefix) : IAsyncLifetime
{
    private TestDatabase? _database;
    private RunawaysApp? _app;

    protected ChromiumFixture Chromium { get; } = chromium;

    private protected RunawaysApp App => _app ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>Stops the app and starts a new one on the same database (a restart: only what is stored survives).</summary>
    private protected async Task RestartAppAsync(CancellationToken ct)
    {
        var connection = _database!.ConnectionString;
        await _app!.DisposeAsync();
        _app = null;
        _app = await RunawaysApp.StartAsync(connection, ct);
    }

    /// <summary>The id of the person who joined under <paramref name="displayName"/> (names in these tests are unique).</summary>
    private protected async Task<Guid> PersonIdAsync(string displayName, CancellationToken ct)
    {
        await using var db = App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.People.Where(p => p.DisplayName == displayName).Select(p => p.Id).SingleAsync(ct);
    }

    /// <summary>Gives a member a role (what an organizer does on the people page), straight in the store.</summary>
    private protected async Task SetRoleAsync(Guid eventId, Guid personId, EventRole role, CancellationToken ct)
    {
        await using var db = App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == eventId, ct);
        evt.SetRole(personId, role);
        await db.SaveChangesAsync(ct);
    }

    public async ValueTask InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(databasePrefix, TestContext.Current.CancellationToken);
        _app = await RunawaysApp.StartAsync(_database.ConnectionString, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
