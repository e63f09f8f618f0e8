using System.Net;
using System.Text.Json;
using FluentAssertions;
using Npgsql;
using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.Web.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Get_DatabaseUnreachable_Returns503Unhealthy()
    {
        var ct = TestContext.Current.CancellationToken;
        var unreachable = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = TestPorts.Unused(),
            Database = "ra_web_unreachable",
            Username = "postgres",
            Timeout = 5,
        }.ConnectionString;
        await using var factory = new RunawaysWebFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:MigrateOnStartup"] = "false",
            ["ConnectionStrings:Postgres"] = unreachable,
        });

        // Start-up must survive a database that is down, so that /health can say so.
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health", ct);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        body.RootElement.GetProperty("status").GetString().Should().Be("Unhealthy");
        var database = body.RootElement.GetProperty("checks").EnumerateArray()
            .Should().ContainSingle(c => c.GetProperty("name").GetString() == "database").Subject;
        database.GetProperty("status").GetString().Should().Be("Unhealthy");
        database.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace();
    }
}
