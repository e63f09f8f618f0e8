using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>
/// A stranger's POST without an antiforgery token, in Production: a 400 with a short explanation and one log
/// line, never a 500 with stack traces that a flood could use to rotate the kept logs away.
/// </summary>
public sealed class BadRequestTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/account/sign-out")]
    [InlineData("/account/passkey-request-options")]
    [InlineData("/account/sign-in")]
    public async Task Post_WithoutAntiforgeryToken_400AndOneShortLogLineEachTime(string path)
    {
        await using var database = await fixture.CreateDatabaseAsync(Ct);
        await using var production = new RunawaysWebFactory(database.Settings, "Production");
        var captured = new CapturingSink();
        await using var app = production.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(captured));
        });
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        (await client.GetAsync("/health", Ct)).EnsureSuccessStatusCode();
        captured.Events.Clear();

        const int Attempts = 20;
        for (var i = 0; i < Attempts; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/", ["UserName"] = "mina" });
            using var response = await client.PostAsync(path, form, Ct);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync(Ct)).Length.Should().BeLessThan(2_000, "a refusal is a short answer, not an error page");
        }

        // What the app writes at its default level (Information); the refusal's reason is at Debug.
        var events = captured.Events.Where(e => e.Level >= LogEventLevel.Information).ToList();
        captured.Events.Where(e => e.Level < LogEventLevel.Information).Should().OnlyContain(e => e.Exception == null);
        events.Should().NotContain(e => e.Level >= LogEventLevel.Warning, "a bad request is the client's mistake: {0}",
            string.Join(" | ", events.Where(e => e.Level >= LogEventLevel.Warning).Select(e => e.RenderMessage(null))));
        events.Should().OnlyContain(e => e.Exception == null);
        events.Should().HaveCount(Attempts, "one request-log line per refused request: {0}", string.Join(" | ", events.Select(e => e.RenderMessage(null))));
        events.Should().OnlyContain(e => e.RenderMessage(null).Contains(path, StringComparison.Ordinal) && e.RenderMessage(null).Contains("400", StringComparison.Ordinal));
    }
}
