using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;
using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>Runs the smoke test on its own, after the browser tests: its start-up time is then the app's, not the machine's load.</summary>
[CollectionDefinition(nameof(SmokeTests), DisableParallelization = true)]
public sealed class SmokeTestsRunAlone;

/// <summary>
/// The built app as a newcomer runs it: `dotnet RunawaysAlliance.Web.dll` with nothing but an embedded
/// SQLite file, in Production. It must come up, serve the demo board and stop cleanly on SIGTERM.
/// </summary>
[Collection(nameof(SmokeTests))]
public sealed partial class SmokeTests : IDisposable
{
    private readonly string _workFolder = Directory.CreateTempSubdirectory("ra-smoke-").FullName;

    [Fact]
    public async Task WebDll_FreshMachineWithEmbeddedStore_ServesDemoBoardAndStopsGracefully()
    {
        var ct = TestContext.Current.CancellationToken;
        var webOutput = WebOutputFolder();
        var port = TestPorts.Unused();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var output = new StringBuilder();
        using var process = StartApp(webOutput, baseAddress, output);
        try
        {
            using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
            var startedIn = await WaitUntilHealthyAsync(client, process, output, ct);
            E2EEnvironment.Log($"Smoke: /health answered 200 {startedIn.TotalMilliseconds:0} ms after `dotnet RunawaysAlliance.Web.dll` started.");

            using var response = await client.GetAsync("events/runaways-2025", ct);
            var html = await response.Content.ReadAsStringAsync(ct);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            SlotMarker().Count(html).Should().Be(21, "the demo event has 7 rooms x 3 rounds");
            File.Exists(Path.Combine(_workFolder, "smoke.db")).Should().BeTrue("the embedded store is the configured SQLite file");
            await AssertScriptServedAsync(client, html, ct);

            var stopwatch = Stopwatch.StartNew();
            await SendSigtermAsync(process.Id, ct);
            using var stopped = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stopped.CancelAfter(TimeSpan.FromSeconds(30));
            var exited = await WaitForExitAsync(process, stopped.Token);
            exited.Should().BeTrue($"the app should stop within 30 s of SIGTERM; output:\n{Tail(output)}");
            E2EEnvironment.Log($"Smoke: stopped {stopwatch.ElapsedMilliseconds} ms after SIGTERM with exit code {process.ExitCode}.");
            process.ExitCode.Should().Be(0, $"a graceful shutdown exits with 0; output:\n{Tail(output)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test; the OS temp folder is cleaned eventually.
        }
    }

    [GeneratedRegex("data-testid=\"slot\"")]
    private static partial Regex SlotMarker();

    [GeneratedRegex("<script src=\"(?<src>_framework/blazor\\.web[^\"]*\\.js)\"")]
    private static partial Regex BlazorScript();

    /// <summary>src/RunawaysAlliance.Web/bin/&lt;this assembly's configuration&gt;/net10.0, built through the project reference.</summary>
    private static string WebOutputFolder()
    {
        var configuration = typeof(SmokeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var folder = Path.Combine(E2EEnvironment.RepositoryRoot, "src", "RunawaysAlliance.Web", "bin", configuration, "net10.0");
        var dll = Path.Combine(folder, "RunawaysAlliance.Web.dll");
        return File.Exists(dll)
            ? folder
            : throw new InvalidOperationException($"{dll} does not exist; build the solution in {configuration} first.");
    }

    private Process StartApp(string webOutput, Uri baseAddress, StringBuilder output)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = webOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(webOutput, "RunawaysAlliance.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));

        // Nothing from this test process may leak in: the newcomer has no database settings at all.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("Database__", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("Serilog__", StringComparison.OrdinalIgnoreCase) ||
                key is "DOTNET_ENVIRONMENT" or "DOTNET_URLS")
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_workFolder, "smoke.db")}";
        // Keep the rolling log file out of the build output (it is the second sink in appsettings.json).
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(_workFolder, "logs", "runaways-.log");

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<TimeSpan> WaitUntilHealthyAsync(HttpClient client, Process process, StringBuilder output, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} before it was healthy:\n{Tail(output)}");
            }

            try
            {
                using var response = await client.GetAsync("health", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return stopwatch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"/health did not answer 200 within 60 s:\n{Tail(output)}");
    }

    /// <summary>
    /// The Blazor script must be served with content: without it the page never becomes interactive.
    /// A build output run outside Development serves static web assets only because Program.cs opts in.
    /// </summary>
    private static async Task AssertScriptServedAsync(HttpClient client, string html, CancellationToken ct)
    {
        var script = BlazorScript().Match(html);
        script.Success.Should().BeTrue("the board page references the Blazor script");

        using var response = await client.GetAsync(script.Groups["src"].Value, ct);
        var bytes = (await response.Content.ReadAsByteArrayAsync(ct)).Length;
        E2EEnvironment.Log($"Smoke: GET /{script.Groups["src"].Value} answered {(int)response.StatusCode} with {bytes} bytes.");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        bytes.Should().BeGreaterThan(10_000, "blazor.web.js is a real script, not an empty placeholder");
    }

    /// <summary>SIGTERM, as a service manager or `docker stop` sends it, so that graceful shutdown runs.</summary>
    private static async Task SendSigtermAsync(int processId, CancellationToken ct)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill") { ArgumentList = { "-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("Could not run /bin/kill.");
        await kill.WaitForExitAsync(ct);
        kill.ExitCode.Should().Be(0, "kill -TERM must reach the app");
    }

    private static async Task<bool> WaitForExitAsync(Process process, CancellationToken ct)
    {
        try
        {
            await process.WaitForExitAsync(ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 4000 ? text : text[^4000..];
        }
    }
}
