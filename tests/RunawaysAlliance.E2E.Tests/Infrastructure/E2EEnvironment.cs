using System.Net;
using System.Net.Sockets;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>What the end-to-end tests take from the machine: the PostgreSQL server, Chromium, the repository.</summary>
internal static class E2EEnvironment
{
    public const string PostgresVariable = "RUNAWAYS_TEST_POSTGRES";
    public const string ChromiumVariable = "RUNAWAYS_CHROMIUM";

    /// <summary>The admin connection string (Database=postgres) of the throwaway cluster that ./test.sh starts.</summary>
    public static string PostgresAdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(PostgresVariable);
            return string.IsNullOrWhiteSpace(value)
                ? throw new InvalidOperationException(
                    $"{PostgresVariable} is not set, so the end-to-end tests have no PostgreSQL server. Run them with ./test.sh " +
                    "(it starts a throwaway cluster and sets the variable), or export an admin connection string, " +
                    "e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.")
                : value;
        }
    }

    /// <summary>The system Chromium; browsers are never downloaded.</summary>
    public static string ChromiumPath
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(ChromiumVariable);
            var path = string.IsNullOrWhiteSpace(value) ? "/usr/bin/chromium" : value;
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException(
                    $"Chromium was not found at {path}. Install the Debian package 'chromium' or point {ChromiumVariable} at a Chromium executable.");
        }
    }

    /// <summary>The folder that holds RunawaysAlliance.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RunawaysAlliance.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains RunawaysAlliance.sln.");
        }
    }

    /// <summary>Screenshots go next to the test assembly, so that every run leaves them in its output folder.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>A port that nothing listens on right now: bind an ephemeral port, then let it go.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Writes a line to the test's output and to the runner's diagnostic messages.</summary>
    public static void Log(string message)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(message);
        TestContext.Current.SendDiagnosticMessage(message);
    }
}
