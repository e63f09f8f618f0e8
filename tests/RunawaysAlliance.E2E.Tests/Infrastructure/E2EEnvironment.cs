namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// What the end-to-end tests take from the machine besides the PostgreSQL server (TestSupport's TestPostgres):
/// Chromium and the repository.
/// </summary>
internal static class E2EEnvironment
{
    public const string ChromiumVariable = "RUNAWAYS_CHROMIUM";

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

    /// <summary>Writes a line to the test's output and to the runner's diagnostic messages.</summary>
    public static void Log(string message)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(message);
        TestContext.Current.SendDiagnosticMessage(message);
    }
}
