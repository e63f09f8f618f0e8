using System.IO.Compression;
using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Organize;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Tests.Accounts;

namespace RunawaysAlliance.Web.Tests.Organize;

/// <summary>
/// The wall's secret link and the organizer-only archive over HTTP: who gets in (a wrong, renewed or missing wall link
/// gets the same 404; a public wall needs none), and the archive honours each record's visibility.
/// </summary>
public abstract class WallAndArchiveWebTests(IDemoFixture fixture) : WebAppTest(fixture)
{
    private const string Wall = "/events/" + DemoEvent.Slug + "/wall";
    private const string Archive = "/events/" + DemoEvent.Slug + "/archive.zip";

    [Fact]
    public async Task Wall_SecretLinkOnly_WrongRenewedAndMissingLinksAllNotFound()
    {
        using var client = NewClient();
        var code = await WallCodeAsync();

        (await GetAsync(client, $"{Wall}/{code}")).Should().Be(HttpStatusCode.OK);
        (await GetAsync(client, Wall)).Should().Be(HttpStatusCode.NotFound, "the wall is secret by default");
        (await GetAsync(client, $"{Wall}/{code}x")).Should().Be(HttpStatusCode.NotFound);
        (await GetAsync(client, $"/events/no-such-event/wall/{code}")).Should().Be(HttpStatusCode.NotFound);
        using var page = await client.GetAsync($"{Wall}/{code}", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.Should().Contain("data-testid=\"wall\"").And.Contain("data-testid=\"wall-qr\"");

        var (mina, eventId) = await OrganizerAsync();
        (await App.Services.GetRequiredService<SetupService>().RenewWallCodeAsync(mina, eventId, Ct)).Succeeded.Should().BeTrue();

        (await GetAsync(client, $"{Wall}/{code}")).Should().Be(HttpStatusCode.NotFound, "a renewed link replaces the old one");
        (await GetAsync(client, $"{Wall}/{await WallCodeAsync()}")).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wall_MadePublic_OpensWithoutALink()
    {
        using var client = NewClient();
        var (mina, eventId) = await OrganizerAsync();

        (await App.Services.GetRequiredService<SetupService>().SetWallPublicAsync(mina, eventId, isPublic: true, Ct)).Succeeded.Should().BeTrue();

        (await GetAsync(client, Wall)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Archive_AnonymousAttendeeAndOrganizer_SignInThenForbiddenThenTheZip()
    {
        using var anonymous = NewClient();
        using var anonymousResponse = await anonymous.GetAsync(Archive, Ct);
        anonymousResponse.StatusCode.Should().Be(HttpStatusCode.Redirect);
        AccountBrowser.LocationOf(anonymousResponse).Should().StartWith("/account/sign-in");

        using var attendee = await SignedInAsync("Archive attendee", EventRole.Attendee);
        using var refused = await attendee.Client.GetAsync(Archive, Ct);
        refused.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (refused.Content.Headers.ContentType?.MediaType).Should().NotBe("application/zip");

        using var organizer = await SignedInAsync("Archive organizer", EventRole.Organizer);
        using var zip = await organizer.Client.GetAsync(Archive, Ct);
        zip.StatusCode.Should().Be(HttpStatusCode.OK);
        zip.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        zip.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task Archive_PublishedRecordInFull_PrivateOneOnlyWhenAskedAndMarked()
    {
        var (mina, eventId) = await OrganizerAsync();
        var demo = await DemoEventData.LoadAsync(App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), Ct);
        var records = App.Services.GetRequiredService<SessionRecordService>();
        var published = demo.SessionIn("Hall", 1).Id;
        var secret = demo.SessionIn("Room 1", 1).Id;
        (await records.SaveAsync(mina, eventId, published, new RecordInput("We shared | what works.", "A monthly meetup", "Book a room", true), 0, Ct)).Result.Succeeded.Should().BeTrue();
        (await records.PublishAsync(mina, eventId, published, Ct)).Succeeded.Should().BeTrue();
        (await records.SaveAsync(mina, eventId, secret, new RecordInput("Private notes about 민준", "", "", false), 0, Ct)).Result.Succeeded.Should().BeTrue();
        using var organizer = await SignedInAsync("Archive reader", EventRole.Organizer);

        var plain = await ReadZipAsync(organizer, Archive);
        var withPrivate = await ReadZipAsync(organizer, Archive + "?includePrivate=true");

        plain.Keys.Should().Contain("README.md").And.ContainSingle(k => k.StartsWith("sessions/", StringComparison.Ordinal));
        plain.Keys.Should().NotContain(k => k.StartsWith("private/", StringComparison.Ordinal));
        plain.Values.Should().NotContain(text => text.Contains("Private notes", StringComparison.Ordinal));
        var publishedFile = plain.Single(e => e.Key.StartsWith("sessions/", StringComparison.Ordinal)).Value;
        publishedFile.Should().Contain("## Notes").And.Contain("We shared | what works.").And.Contain("A monthly meetup").And.Contain("Needs a follow-up meeting");
        plain["README.md"].Should().Contain("private, not included").And.Contain("[published](sessions/");
        plain["README.md"].Split('\n').Where(l => l.StartsWith("| 1 ", StringComparison.Ordinal)).Should().HaveCount(3, "three sessions in round 1");

        var privateFile = withPrivate.Single(e => e.Key.StartsWith("private/", StringComparison.Ordinal)).Value;
        privateFile.Should().Contain("PRIVATE").And.Contain("Private notes about 민준");
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        return response.StatusCode;
    }

    private static async Task<Dictionary<string, string>> ReadZipAsync(AccountBrowser browser, string path)
    {
        using var response = await browser.Client.GetAsync(path, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync(Ct);
        }

        return files;
    }

    private async Task<string> WallCodeAsync()
    {
        await using var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == DemoEvent.Slug).Select(e => e.WallCode).SingleAsync(Ct);
    }

    private async Task<(Guid Mina, Guid EventId)> OrganizerAsync()
    {
        var demo = await DemoEventData.LoadAsync(App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), Ct);
        return (demo.Person("Mina"), demo.EventId);
    }

    private async Task<AccountBrowser> SignedInAsync(string name, EventRole role)
    {
        var (id, userName) = await TestAccounts.CreateAsync(App, name);
        await using (var db = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Slug == DemoEvent.Slug, Ct);
            evt.AddMember(id, role, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Ct);
        }

        var browser = new AccountBrowser(App);
        using var signedIn = await browser.SignInAsync(userName, TestAccounts.Password, "/");
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return browser;
    }
}

public sealed class SqliteWallAndArchiveWebTests(SqliteDemoFixture fixture) : WallAndArchiveWebTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresWallAndArchiveWebTests(PostgresDemoFixture fixture) : WallAndArchiveWebTests(fixture), IClassFixture<PostgresDemoFixture>;
