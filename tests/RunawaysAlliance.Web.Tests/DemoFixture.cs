using System.Collections.Concurrent;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// What the PostgreSQL and SQLite demo fixtures share: the template seeded by the app itself, copies handed out
/// per test, one app over HTTP per test class, and the clean-up of everything made (copies, app, template).
/// </summary>
public abstract class DemoFixture : IDemoFixture, IAsyncLifetime
{
    private readonly ConcurrentBag<DemoDatabase> _copies = [];
    private readonly SemaphoreSlim _webGate = new(1, 1);
    private RunawaysWebFactory? _web;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Makes the template (<see cref="SeedAsync"/> fills it).</summary>
    public abstract ValueTask InitializeAsync();

    public async Task<DemoDatabase> CreateDatabaseAsync(CancellationToken ct)
    {
        var copy = await CopyTemplateAsync(ct);
        _copies.Add(copy);
        return copy;
    }

    public async Task<RunawaysWebFactory> GetWebAppAsync(CancellationToken ct)
    {
        await _webGate.WaitAsync(ct);
        try
        {
            if (_web is null)
            {
                var database = await CreateDatabaseAsync(ct);
                _web = new RunawaysWebFactory(database.Settings);
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

        // Copies that their tests already disposed are skipped (disposing twice removes once).
        foreach (var copy in _copies)
        {
            await copy.DisposeAsync();
        }

        await RemoveTemplateAsync();
        _webGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Migrates and seeds the template by starting the app's services on it once.</summary>
    protected static async Task SeedAsync(DemoDatabase template, CancellationToken ct)
    {
        var seeding = await TestApp.StartAsync(template, ct);
        await seeding.DisposeAsync();
    }

    /// <summary>A fresh copy of the template.</summary>
    protected abstract Task<DemoDatabase> CopyTemplateAsync(CancellationToken ct);

    /// <summary>Removes the template (once every copy is gone) and whatever else the fixture holds.</summary>
    protected abstract ValueTask RemoveTemplateAsync();
}
