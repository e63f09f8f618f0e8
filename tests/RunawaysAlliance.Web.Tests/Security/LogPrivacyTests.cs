using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.People;
using Serilog.Core;
using Serilog.Events;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>
/// A whole evening's privacy-sensitive journey with logging at its most verbose: no log line, property or
/// exception may carry an email address or a phone number.
/// </summary>
public sealed partial class LogPrivacyTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>
{
    private const string EmailA = "mina.private@example.com";
    private const string PhoneA = "+82 10-1234-5678";
    private const string EmailB = "jun.secret@example.org";
    private const string PhoneB = "010 9876 5432";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FullJourney_VerboseLogging_NoEmailOrPhoneInAnyLogEvent()
    {
        await using var database = await fixture.CreateDatabaseAsync(Ct);
        await using var baseApp = new RunawaysWebFactory(database.Settings);
        var captured = new CapturingSink();
        await using var app = baseApp.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft", "Verbose");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Verbose");
            builder.UseSetting("Serilog:MinimumLevel:Override:System", "Verbose");
            builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(captured));
        });

        // Two newcomers join by link over HTTP, as phones would.
        var code = await JoinCodeAsync(app);
        using (var phoneA = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        using (var phoneB = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            (await JoinForm.JoinAsync(phoneA, code, "Mina K")).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
            (await JoinForm.JoinAsync(phoneB, code, "Jun P")).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
            (await phoneA.GetAsync("/events/runaways-2025", Ct)).EnsureSuccessStatusCode();
        }

        var a = await PersonIdAsync(app, "Mina K");
        var b = await PersonIdAsync(app, "Jun P");
        var profiles = app.Services.GetRequiredService<ProfileService>();
        var contacts = app.Services.GetRequiredService<ContactService>();
        var data = app.Services.GetRequiredService<PersonalDataService>();

        // Contact details typed in, a bad one refused, a request made and accepted, both sides read, data exported.
        (await profiles.UpdateAsync(a, new ProfileInput { DisplayName = "Mina K", Email = EmailA, Phone = PhoneA }, Ct)).Should().NotBeNull();
        await profiles.UpdateAsync(b, new ProfileInput { DisplayName = "Jun P", Email = "not an email " + EmailB, Phone = PhoneB }, Ct);
        await profiles.UpdateAsync(b, new ProfileInput { DisplayName = "Jun P", Email = EmailB, Phone = PhoneB, Messenger = "jun_kakao" }, Ct);
        (await contacts.RequestAsync(a, b, ContactChannels.Email | ContactChannels.Phone, Ct)).Succeeded.Should().BeTrue();
        var incoming = (await contacts.ListMineAsync(b, Ct))!.Incoming.Single();
        (await contacts.AcceptAsync(b, incoming.RequestId, ContactChannels.All, Ct)).Succeeded.Should().BeTrue();
        var seenByA = (await contacts.ListMineAsync(a, Ct))!.Exchanged.Single();
        seenByA.TheirContact.Email.Should().Be(EmailB, "the journey really moved contact details around");
        (await data.ExportAsync(a, Ct)).Should().NotBeNull();
        (await data.DeleteAccountAsync(b, CardsOnDelete.KeepAnonymously, Ct)).Succeeded.Should().BeTrue();

        captured.Events.Should().NotBeEmpty();
        var leaks = captured.Events
            .Select(Describe)
            .Where(text => Email().IsMatch(text) || text.Contains(PhoneA, StringComparison.Ordinal) || text.Contains(PhoneB, StringComparison.Ordinal) ||
                           text.Contains("1234-5678", StringComparison.Ordinal) || text.Contains("9876 5432", StringComparison.Ordinal))
            .ToList();
        leaks.Should().BeEmpty($"{captured.Events.Count} log events were written and none may carry contact details");
    }

    private static string Describe(LogEvent e) =>
        string.Join(" | ", [e.RenderMessage(), .. e.Properties.Select(p => $"{p.Key}={p.Value}"), e.Exception?.ToString() ?? string.Empty]);

    private static async Task<string> JoinCodeAsync(WebApplicationFactory<Program> app)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == "runaways-2025").Select(e => e.JoinCode).SingleAsync(Ct);
    }

    private static async Task<Guid> PersonIdAsync(WebApplicationFactory<Program> app, string name)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.People.AsNoTracking().Where(p => p.DisplayName == name).Select(p => p.Id).SingleAsync(Ct);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
