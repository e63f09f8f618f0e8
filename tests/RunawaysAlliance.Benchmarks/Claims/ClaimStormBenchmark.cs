using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RunawaysAlliance.ClaimStorms;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Hosting;

namespace RunawaysAlliance.Benchmarks.Claims;

/// <summary>What the claims benchmark is asked to do.</summary>
internal sealed record ClaimStormSettings(string Postgres, int Claims, int Runs, string? Out);

/// <summary>One storm: every claim's time and outcome, and whatever double booking the store holds afterwards.</summary>
internal sealed record ClaimStormRun(int Run, int Claims, int OpenSlots, int Won, IReadOnlyDictionary<string, int> Refusals,
    double P50Ms, double P95Ms, double MaxMs, double WallMs, IReadOnlyList<string> DoubleBookings);

/// <summary>
/// Issue 12's claim storm as a benchmark: the app's own services (AddRunawaysData + AddRunawaysWeb, as Program.cs
/// registers them) on a fresh PostgreSQL database with the demo event per run; N moderators claim the demo's open slots
/// at the same moment through SessionService (ClaimStorm, shared with ClaimStormTests). Reports each claim's time from
/// the call to its answer, and checks the store for double bookings afterwards.
/// </summary>
internal static class ClaimStormBenchmark
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<IReadOnlyList<ClaimStormRun>> RunAsync(ClaimStormSettings settings, TextWriter log, CancellationToken ct)
    {
        var runs = new List<ClaimStormRun>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var database = $"ra_claims_{Guid.NewGuid():N}"[..24];
            await ExecuteAsync(settings.Postgres, $"CREATE DATABASE {database}", ct);
            try
            {
                runs.Add(await RunOnceAsync(settings, Target(settings.Postgres, database), run, ct));
                log.WriteLine(Describe(runs[^1]));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(settings.Postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
            }
        }

        return runs;
    }

    public static string Describe(ClaimStormRun r) => string.Create(CultureInfo.InvariantCulture,
        $"run {r.Run}: {r.Claims} claims over {r.OpenSlots} open slots in {r.WallMs:0} ms; per claim p50 {r.P50Ms:0.0} ms, p95 {r.P95Ms:0.0} ms, " +
        $"max {r.MaxMs:0.0} ms; {r.Won} won; refused: {string.Join(", ", r.Refusals.Select(kv => $"{kv.Key} {kv.Value}"))}; " +
        $"double bookings: {r.DoubleBookings.Count}");

    public static void Save(IReadOnlyList<ClaimStormRun> runs, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(runs, Json));
    }

    private static async Task<ClaimStormRun> RunOnceAsync(ClaimStormSettings settings, string connectionString, int run, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemo"] = "true",
        });
        builder.Logging.ClearProviders();
        builder.AddRunawaysData();
        builder.AddRunawaysWeb();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        await host.StartAsync(ct);
        try
        {
            var store = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            Guid eventId;
            await using (var db = store.CreateDbContext())
            {
                eventId = await db.Events.Where(e => e.Slug == DemoEvent.Slug).Select(e => e.Id).SingleAsync(ct);
            }

            var (moderators, cards) = await ClaimStorm.PrepareAsync(store, eventId, settings.Claims, ct);
            var open = await ClaimStorm.OpenSlotsAsync(store, eventId, ct);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var outcomes = await ClaimStorm.RunAsync(host.Services.GetRequiredService<SessionService>(), eventId, open, moderators, cards, ct);
            var wall = clock.Elapsed;
            var times = outcomes.Select(o => o.Elapsed.TotalMilliseconds).Order().ToArray();
            return new ClaimStormRun(
                run,
                outcomes.Count,
                open.Count,
                outcomes.Count(o => o.Result.Succeeded),
                outcomes.Where(o => !o.Result.Succeeded).GroupBy(o => o.Result.Code?.ToString() ?? "unknown").ToDictionary(g => g.Key, g => g.Count()),
                Percentile(times, 0.50),
                Percentile(times, 0.95),
                times[^1],
                wall.TotalMilliseconds,
                await ClaimStorm.DoubleBookingsAsync(store, eventId, ct));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Target(string admin, string database) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
