using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// The real app (Program.cs) on an in-memory TestServer, configured only through configuration keys.
/// Log files go to a temporary folder that is removed with the factory.
/// </summary>
public sealed class RunawaysWebFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Development") : WebApplicationFactory<Program>
{
    private readonly string _logFolder = Path.Combine(Path.GetTempPath(), $"ra-web-logs-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        var all = new Dictionary<string, string?>(settings)
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_logFolder, "runaways-.log"),
        };
        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_logFolder))
        {
            Directory.Delete(_logFolder, recursive: true);
        }
    }
}
