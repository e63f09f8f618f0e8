using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace RunawaysAlliance.Benchmarks.Circuits;

/// <summary>What the load driver is asked to do.</summary>
internal sealed record CircuitLoadSettings(
    int Circuits,
    int Changes,
    int Concurrency,
    string Postgres,
    string AppDll,
    string BenchmarkDll,
    IReadOnlyList<string> Pages,
    string? Out)
{
    /// <summary>Where to write managed-heap dumps of each server before and after its circuits opened (none when null).</summary>
    public string? GcDumpFolder { get; init; }
}

/// <summary>One page measured: change→render latency over every circuit and change, misses, and server memory.</summary>
internal sealed record PageResult(
    string Page,
    int Circuits,
    int Opened,
    int Changes,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    int Missed,
    long RssBeforeKiB,
    long RssAfterKiB,
    double KiBPerCircuit,
    double OpenSeconds,
    string LoadBefore,
    string LoadAfter);

/// <summary>
/// The load driver: for each page (the reference and the board), starts its server as a child process with the same
/// settings (Server GC, Production, logs at Warning), opens N real circuits, makes K real changes (the reference's
/// POST /change; for the board, a waiting card's title written to PostgreSQL and the app's feed told with NOTIFY, as a
/// second instance would), and records, per circuit, the time from the change to the render batch that carries its text.
/// </summary>
internal static class CircuitLoad
{
    private const int ReferencePort = 5190;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private const int AppPort = 5191;
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<PageResult>> RunAsync(CircuitLoadSettings settings, CancellationToken ct)
    {
        var results = new List<PageResult>();
        foreach (var page in settings.Pages)
        {
            results.Add(page switch
            {
                "reference" => await MeasureAsync(settings, "reference", StartReference(settings), new Uri($"http://127.0.0.1:{ReferencePort}/"),
                    (text, _) => PostReferenceChangeAsync(text, ct), ct),
                "board" => await MeasureBoardAsync(settings, "/events/runaways-2025", ct),
                _ when page.StartsWith("app:/", StringComparison.Ordinal) => await MeasureBoardAsync(settings, page[4..], ct),
                _ when page.StartsWith("url:", StringComparison.Ordinal) => await MeasureRunningAsync(settings, new Uri(page[4..]), ct),
                _ => throw new ArgumentException($"Unknown page '{page}' (reference, board, app:/path for another page of the app, or url:<address> of a running server)."),
            });
        }

        return results;
    }

    private static async Task<PageResult> MeasureBoardAsync(CircuitLoadSettings settings, string path, CancellationToken ct)
    {
        var server = StartApp(settings);
        var board = new Uri($"http://127.0.0.1:{AppPort}{path}");
        await WaitUntilUpAsync(board, server, ct);
        var (eventId, cardId, title) = await WaitingCardAsync(settings.Postgres, ct);
        await StartTimersAsync(settings.Postgres, eventId, cardId, ct);
        return await MeasureAsync(settings, path == "/events/runaways-2025" ? "board" : path, server, board, (text, i) => ChangeCardAsync(settings.Postgres, eventId, cardId, $"{title[..Math.Min(title.Length, 80)]} {text}", ct), ct);
    }

    // A server the driver did not start (another machine, a container, a staging site): any page of a Blazor Server app
    // opens; the changes are a waiting card's title in the event the address names (/events/{slug}/…), written to the
    // database --postgres points at (the server's own) and announced on its feed. The server's memory is not known here.
    private static async Task<PageResult> MeasureRunningAsync(CircuitLoadSettings settings, Uri page, CancellationToken ct)
    {
        var segments = page.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var slug = segments is ["events", var named, ..] ? named : "runaways-2025";
        var (eventId, cardId, title) = await WaitingCardAsync(settings.Postgres, ct, slug);
        return await MeasureAsync(settings, page.ToString(), null, page, (text, i) => ChangeCardAsync(settings.Postgres, eventId, cardId, $"{title[..Math.Min(title.Length, 80)]} {text}", ct), ct);
    }

    private static async Task<PageResult> MeasureAsync(CircuitLoadSettings settings, string name, Process? server, Uri page, Func<string, int, Task> change, CancellationToken ct)
    {
        using var owned = server;
        try
        {
            await WaitUntilUpAsync(page, server, ct);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency * 2 }) { Timeout = TimeSpan.FromMinutes(2) };
            var clock = Stopwatch.StartNew();
            var marker = new MarkerBoard();

            // Warm up: one circuit and one change, so that first-use costs are not counted as the circuits'.
            await using (var warm = await CircuitClient.OpenAsync(http, page, null, ct))
            {
                await change($"warm-{Guid.NewGuid():N}", -1);
                await Task.Delay(1000, ct);
            }

            await Task.Delay(3000, ct);
            var rssBefore = server is null ? 0 : RssKiB(server.Id);
            var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
            Console.WriteLine(server is null
                ? $"[{name}] a running server; opening {settings.Circuits} circuits ({settings.Concurrency} at a time)"
                : $"[{name}] server pid {server.Id}, {rssBefore / 1024} MiB before; opening {settings.Circuits} circuits ({settings.Concurrency} at a time)");

            var heapBefore = server is null ? null : GcDump(settings, server.Id, $"{Safe(name)}-before");
            var circuits = new ConcurrentBag<CircuitClient>();
            var failures = 0;
            var opened = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(settings.Concurrency))
            {
                var opening = Enumerable.Range(0, settings.Circuits).Select(async i =>
                {
                    await gate.WaitAsync(ct);
                    try
                    {
                        circuits.Add(await CircuitClient.OpenAsync(http, page, marker.Seen, ct));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        if (Interlocked.Increment(ref failures) <= 3)
                        {
                            Console.Error.WriteLine($"[{name}] circuit {i} did not open: {e.GetType().Name}: {e.Message}");
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                });
                await Task.WhenAll(opening);
            }

            var openSeconds = opened.Elapsed.TotalSeconds;
            Console.WriteLine($"[{name}] {circuits.Count} circuits open in {openSeconds:0.0} s ({failures} failed)");
            await Task.Delay(5000, ct);
            var rssAfter = server is null ? 0 : RssKiB(server.Id);
            var heapAfter = server is null ? null : GcDump(settings, server.Id, $"{Safe(name)}-{circuits.Count}");
            if (heapBefore is { } hb && heapAfter is { } ha && !circuits.IsEmpty)
            {
                Console.WriteLine($"[{name}] managed heap per circuit: {(ha - hb) / 1024.0 / circuits.Count:0} KiB");
            }

            var latencies = new List<double>();
            var missed = 0;
            for (var i = 0; i < settings.Changes; i++)
            {
                var text = $"chg{i}x{Guid.NewGuid().ToString("N")[..10]}";
                var waiting = marker.Expect(i, Encoding.UTF8.GetBytes(text), circuits.Count, clock);
                await change(text, i);
                var done = await Task.WhenAny(waiting, Task.Delay(ChangeTimeout, ct));
                var seen = marker.Collect();
                latencies.AddRange(seen);
                missed += circuits.Count - seen.Count;
                Console.WriteLine($"[{name}] change {i + 1}/{settings.Changes}: {seen.Count}/{circuits.Count} circuits, p50 {Percentile(seen, 50):0} ms, p95 {Percentile(seen, 95):0} ms{(done == waiting ? string.Empty : " (timed out)")}");
                await Task.Delay(1000, ct);
            }

            var loadAfter = File.ReadAllText("/proc/loadavg").Trim();
            await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
            return new PageResult(name, settings.Circuits, circuits.Count, settings.Changes,
                Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99), latencies.Count == 0 ? double.NaN : latencies.Max(),
                missed, rssBefore, rssAfter, circuits.IsEmpty || server is null ? double.NaN : (rssAfter - rssBefore) / (double)circuits.Count, openSeconds, loadBefore, loadAfter);
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    // With --gcdump DIR: the server's managed heap before and after the circuits opened (dotnet-gcdump, on PATH or in
    // GCDUMP), for finding what a circuit holds. A dump forces a full collection, so the RSS figures are taken first.
    private static long? GcDump(CircuitLoadSettings settings, int pid, string name)
    {
        if (settings.GcDumpFolder is not { } folder)
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        var tool = Environment.GetEnvironmentVariable("GCDUMP") ?? "dotnet-gcdump";
        var path = Path.Combine(folder, name + ".gcdump");
        using var dump = Process.Start(new ProcessStartInfo(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", path]) { RedirectStandardOutput = true })!;
        dump.WaitForExit();
        using var report = Process.Start(new ProcessStartInfo(tool, ["report", path]) { RedirectStandardOutput = true })!;
        var first = report.StandardOutput.ReadLine() ?? string.Empty;
        report.StandardOutput.ReadToEnd();
        report.WaitForExit();
        var bytes = long.TryParse(first.Trim().Split(' ')[0].Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture, out var b) ? b : (long?)null;
        Console.WriteLine($"  gcdump: {path} ({bytes / 1024 / 1024} MiB managed heap after a full collection)");
        return bytes;
    }

    private static string Safe(string name) => new([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '-')]);

    private static Process StartReference(CircuitLoadSettings settings) =>
        Start("dotnet", [settings.BenchmarkDll, "reference", "--port", ReferencePort.ToString(CultureInfo.InvariantCulture)], []);

    private static Process StartApp(CircuitLoadSettings settings) =>
        Start("dotnet", [settings.AppDll, "--urls", $"http://127.0.0.1:{AppPort}"], new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = settings.Postgres,
            ["Database__SeedDemo"] = "true",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Warning",
        });

    // Both servers alike: Production, Server GC, nothing else changed.
    private static Process Start(string file, string[] args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        // The servers log at Warning: whatever they write is worth showing.
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  server: {line}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  server: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(Uri page, Process? server, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (server is { HasExited: true })
            {
                throw new InvalidOperationException($"The server for {page} exited with code {server.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(page, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException($"{page} did not answer within two minutes.");
    }

    private static async Task PostReferenceChangeAsync(string text, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"http://127.0.0.1:{ReferencePort}/change?text={Uri.EscapeDataString(text)}", null, ct);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(Guid EventId, Guid CardId, string Title)> WaitingCardAsync(string postgres, CancellationToken ct, string slug = "runaways-2025")
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT c."EventId", c."Id", c."Title" FROM "Cards" c JOIN "Events" e ON e."Id" = c."EventId"
            WHERE e."Slug" = @slug AND c."SessionId" IS NULL AND c."Status" = 'Open'
            ORDER BY c."CreatedAt" LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("slug", slug);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2))
            : throw new InvalidOperationException($"The event '{slug}' has no waiting card to change.");
    }

    // The board as it looks during a round: every session's timer running (a countdown in each taken cell, 45 minutes
    // from now), as the moderators would have started them. Announced like any change, so no snapshot misses it.
    private static async Task StartTimersAsync(string postgres, Guid eventId, Guid cardId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE "SessionTimers" t SET "State" = 'Running', "StartedAt" = now(), "EndsAt" = now() + interval '45 minutes', "Version" = gen_random_uuid()
            FROM "Sessions" s WHERE t."SessionId" = s."Id" AND s."EventId" = @event AND s."Status" = 'Active';
            SELECT pg_notify('runaways_changes', @payload);
            """, connection);
        command.Parameters.AddWithValue("event", eventId);
        command.Parameters.AddWithValue("payload", $"load-driver|{eventId:N}|2|{cardId:N}");
        await command.ExecuteNonQueryAsync(ct);
    }

    // A change as another instance makes one: written to the database, then the feed told (NOTIFY is sent at commit).
    private static async Task ChangeCardAsync(string postgres, Guid eventId, Guid cardId, string title, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE "Cards" SET "Title" = @title, "UpdatedAt" = now(), "Revision" = "Revision" + 1, "Version" = gen_random_uuid() WHERE "Id" = @card;
            SELECT pg_notify('runaways_changes', @payload);
            """, connection);
        command.Parameters.AddWithValue("title", title);
        command.Parameters.AddWithValue("card", cardId);
        command.Parameters.AddWithValue("payload", $"load-driver|{eventId:N}|2|{cardId:N}");
        await command.ExecuteNonQueryAsync(ct);
    }

    private static long RssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    internal static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static void Print(IReadOnlyList<PageResult> results, TextWriter writer)
    {
        writer.WriteLine("| page | circuits (open) | change→render p50 / p95 / p99 / max ms | missed | server RSS before → after | KiB per circuit | load before → after |");
        writer.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Page} | {r.Circuits} ({r.Opened}) | {r.P50Ms:0} / {r.P95Ms:0} / {r.P99Ms:0} / {r.MaxMs:0} | {r.Missed} | {(r.RssAfterKiB == 0 ? "n/a (not started here)" : $"{r.RssBeforeKiB / 1024} → {r.RssAfterKiB / 1024} MiB")} | {(double.IsNaN(r.KiBPerCircuit) ? "n/a" : r.KiBPerCircuit.ToString("0", CultureInfo.InvariantCulture))} | {r.LoadBefore.Split(' ')[0]} → {r.LoadAfter.Split(' ')[0]} |"));
        }

        if (results.FirstOrDefault(r => r.Page == "reference") is { } reference && results.FirstOrDefault(r => r.Page == "board") is { } board)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"board / reference: p50 {board.P50Ms / reference.P50Ms:0.00}x, p95 {board.P95Ms / reference.P95Ms:0.00}x, memory per circuit {board.KiBPerCircuit / reference.KiBPerCircuit:0.00}x"));
        }
    }

    public static void Save(IReadOnlyList<PageResult> results, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(results, Indented));
    }

    /// <summary>Which change the circuits are waiting for, and when each one showed it.</summary>
    private sealed class MarkerBoard
    {
        private readonly Lock _gate = new();
        private byte[] _text = [];
        private int _index = -1;
        private long _startTicks;
        private Stopwatch _clock = Stopwatch.StartNew();
        private List<double> _seen = [];
        private int _expected;
        private TaskCompletionSource _all = new();

        public Task Expect(int index, byte[] text, int circuits, Stopwatch clock)
        {
            lock (_gate)
            {
                _text = text;
                _index = index;
                _clock = clock;
                _seen = [];
                _expected = circuits;
                _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _startTicks = clock.ElapsedTicks;
                return _all.Task;
            }
        }

        public List<double> Collect()
        {
            lock (_gate)
            {
                var seen = _seen;
                _seen = [];
                _index = -1;
                return seen;
            }
        }

        public void Seen(CircuitClient circuit, ReadOnlyMemory<byte> batch)
        {
            var now = _clock.ElapsedTicks;
            lock (_gate)
            {
                if (_index < 0 || circuit.LastSeen >= _index || batch.Span.IndexOf(_text) < 0)
                {
                    return;
                }

                circuit.LastSeen = _index;
                _seen.Add((now - _startTicks) * 1000.0 / Stopwatch.Frequency);
                if (_seen.Count >= _expected)
                {
                    _all.TrySetResult();
                }
            }
        }
    }
}
