using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// One instance of the real app (Program.cs as it is) on Kestrel at 127.0.0.1 on a free port, against a
/// real PostgreSQL database. Several instances on one database behave like a multi-instance deployment.
/// </summary>
internal sealed class RunawaysApp : WebApplicationFactory<Program>
{
    // Program.cs installs Serilog's static bootstrap logger and flushes it on exit. That static is shared
    // by every host in this process, so hosts start and stop one at a time, never interleaved.
    private static readonly SemaphoreSlim StartStopGate = new(1, 1);

    private readonly string _connectionString;
    private Uri? _baseAddress;

    private RunawaysApp(string connectionString) => _connectionString = connectionString;

    /// <summary>Where the instance listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>Starts an instance and returns once /health answers 200 and its change feed listens.</summary>
    public static async Task<RunawaysApp> StartAsync(string connectionString, CancellationToken ct)
    {
        var app = new RunawaysApp(connectionString);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        try
        {
            await StartStopGate.WaitAsync(ct);
            try
            {
                // StartServer blocks until the host has started (migrations and the demo seed included).
                await Task.Run(app.StartServer, ct);
            }
            finally
            {
                StartStopGate.Release();
            }

            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            app._baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            await app.Services.GetRequiredService<PostgresEventFeed>().Listening.WaitAsync(TimeSpan.FromSeconds(30), ct);
            await app.WaitUntilHealthyAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public T GetRequiredService<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Database:SeedDemo", "true");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Postgres", _connectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await StartStopGate.WaitAsync();
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            StartStopGate.Release();
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync("health", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                last = null;
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"{BaseAddress}health did not answer 200 within 60 s (last status: {last?.ToString() ?? "no answer"}).");
    }
}
