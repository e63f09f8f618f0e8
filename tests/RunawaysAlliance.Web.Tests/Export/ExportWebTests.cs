using System.Net;
using System.Net.Http.Headers;
using CsvHelper;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Web.Features.Export;

namespace RunawaysAlliance.Web.Tests.Export;

/// <summary>The schedule files over HTTP: content types, file names, ETags and 304s, public data only.</summary>
public abstract class ExportWebTests(IDemoFixture fixture) : WebAppTest(fixture)
{
    private const string CsvPath = "/events/" + DemoEvent.Slug + "/schedule.csv";

    [Fact]
    public async Task ScheduleCsv_DemoEvent_AnAttachmentWithOneRowPerSessionAndAnETag()
    {
        using var client = NewClient();

        using var response = await client.GetAsync(CsvPath, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain($"{DemoEvent.Slug}-schedule.csv");
        response.Headers.ETag.Should().NotBeNull();
        response.Headers.CacheControl!.NoCache.Should().BeTrue("apps revalidate with the ETag instead of keeping a stale schedule");
        using var csv = CsvReader.Create(await response.Content.ReadAsByteArrayAsync(Ct), new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }

        rows.Should().HaveCount(1 + 5, "the demo event has five sessions placed");
        rows.Skip(1).Select(r => r[4]).Should().Contain("Hall");
        var text = string.Join('\n', rows.SelectMany(r => r));
        text.Should().NotContain("@", "no contact details, and nothing that starts a formula");
    }

    [Fact]
    public async Task ScheduleCsv_SameETag_NotModified_AndUnknownEvent_NotFound()
    {
        using var client = NewClient();
        using var first = await client.GetAsync(CsvPath, Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, CsvPath);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await client.SendAsync(again, Ct);

        second.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await second.Content.ReadAsByteArrayAsync(Ct)).Should().BeEmpty();
        using var stale = new HttpRequestMessage(HttpMethod.Get, CsvPath);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        (await client.SendAsync(stale, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/events/no-such-event/schedule.csv", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ScheduleCsv_LastModified_SameAfterARestart_NotModifiedSinceThen_NewerOnceTheScheduleChanges()
    {
        DateTimeOffset firstServed;
        using (var client = NewClient())
        {
            using var first = await client.GetAsync(CsvPath, Ct);
            firstServed = first.Content.Headers.LastModified ?? throw new InvalidOperationException("No Last-Modified.");
            using var since = new HttpRequestMessage(HttpMethod.Get, CsvPath);
            since.Headers.IfModifiedSince = firstServed;
            (await client.SendAsync(since, Ct)).StatusCode.Should().Be(HttpStatusCode.NotModified, "a client without an ETag revalidates by date");
        }

        // Another app on the same store (a restart, or a second instance) says the same date.
        await using (var other = new RunawaysWebFactory(Database.Settings))
        {
            using var otherClient = other.CreateClient();
            using var again = await otherClient.GetAsync(CsvPath, Ct);
            again.Content.Headers.LastModified.Should().Be(firstServed);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1), Ct);
        var demo = await DemoEventData.LoadAsync(App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(), Ct);
        var released = await App.Services.GetRequiredService<RunawaysAlliance.Web.Features.Sessions.SessionService>()
            .ReleaseAsync(demo.Person("Mina"), demo.EventId, demo.SessionIn("Hall", 1).Id, Ct);
        released.Succeeded.Should().BeTrue(released.Error);

        using var client2 = NewClient();
        using var stale = new HttpRequestMessage(HttpMethod.Get, CsvPath);
        stale.Headers.IfModifiedSince = firstServed;
        using var changed = await client2.SendAsync(stale, Ct);
        changed.StatusCode.Should().Be(HttpStatusCode.OK, "the schedule changed since that date");
        changed.Content.Headers.LastModified.Should().BeAfter(firstServed);
    }

    [Fact]
    public async Task ScheduleIcs_DemoEvent_ACalendarWithOneEventPerSessionAndAnETag()
    {
        using var client = NewClient();

        using var response = await client.GetAsync("/events/" + DemoEvent.Slug + "/schedule.ics", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        response.Headers.ETag.Should().NotBeNull();
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!;
        calendar.Events.Should().HaveCount(5, "the demo event has five sessions placed");
        calendar.Events.Where(e => e.DtStart!.TzId != "Asia/Seoul").Should().BeEmpty();
        calendar.Events.Select(e => e.Uid).Should().OnlyHaveUniqueItems();
        (await client.GetAsync("/events/no-such-event/schedule.ics", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Board_LinksToTheScheduleFiles()
    {
        using var client = NewClient();

        var board = await client.GetStringAsync("/events/" + DemoEvent.Slug, Ct);

        board.Should().Contain($"href=\"/events/{DemoEvent.Slug}/schedule.ics\"").And.Contain($"href=\"/events/{DemoEvent.Slug}/schedule.csv\"");
    }

    [Fact]
    public async Task ScheduleJsonAndXml_DemoEvent_ValidC3vocDocumentsWithFiveSessions()
    {
        using var client = NewClient();

        using var json = await client.GetAsync("/events/" + DemoEvent.Slug + "/schedule.json", Ct);
        using var xml = await client.GetAsync("/events/" + DemoEvent.Slug + "/schedule.xml", Ct);

        json.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        xml.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
        json.Headers.ETag.Should().NotBeNull();
        var jsonText = await json.Content.ReadAsStringAsync(Ct);
        var xmlBytes = await xml.Content.ReadAsByteArrayAsync(Ct);
        C3vocValidators.JsonErrors(jsonText).Should().BeEmpty();
        C3vocValidators.XmlErrors(xmlBytes).Should().BeEmpty();
        System.Xml.Linq.XDocument.Load(new MemoryStream(xmlBytes)).Descendants("event").Should().HaveCount(5);
        (await client.GetAsync("/events/no-such-event/schedule.json", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Poster_DemoEvent_AStaticGridOfEverySlotWithTheSessionsAndNoCircuit()
    {
        using var client = NewClient();

        using var response = await client.GetAsync("/events/" + DemoEvent.Slug + "/poster", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        document.QuerySelectorAll("[data-testid=poster-cell]").Should().HaveCount(21);
        document.QuerySelectorAll(".poster-session").Should().HaveCount(5);
        document.QuerySelector("link[href*='poster']").Should().NotBeNull("the A3 print styles");
        html.Should().NotContain("\"type\":\"server\"", "a poster is printed, not run on a circuit");
        document.QuerySelector(".mud-appbar").Should().BeNull();
        (await client.GetAsync("/events/no-such-event/poster", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PersonalCalendar_CurrentToken_PrivateCalendar_OtherTokens_NotFound()
    {
        using var client = NewClient();
        var store = App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var demo = await DemoEventData.LoadAsync(store, Ct);
        var feeds = App.Services.GetRequiredService<CalendarFeedService>();
        var newcomer = Guid.NewGuid();
        await using (var db = store.CreateDbContext())
        {
            var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == demo.EventId, Ct);
            db.People.Add(new RunawaysAlliance.Domain.People.Person(newcomer, "Feed reader", DateTimeOffset.UtcNow));
            evt.AddMember(newcomer, RunawaysAlliance.Domain.Events.EventRole.Attendee, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Ct);
        }

        var (_, old) = await feeds.RenewAsync(newcomer, demo.EventId, Ct);
        var (_, token) = await feeds.RenewAsync(newcomer, demo.EventId, Ct);
        var path = CalendarFeedService.PathFor(DemoEvent.Slug, token!);
        Ical.Net.Calendar.Load(await client.GetStringAsync(path, Ct))!.Events.Should().BeEmpty("no sessions of their own yet");
        (await App.Services.GetRequiredService<RunawaysAlliance.Web.Features.Sessions.SeatService>()
            .ReserveSeatAsync(newcomer, demo.EventId, demo.SessionIn("Hall", 1).Id, Ct)).Succeeded.Should().BeTrue();

        using var response = await client.GetAsync(path, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        response.Headers.CacheControl!.Private.Should().BeTrue("a personal feed is not for shared caches");
        Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!.Events.Should().ContainSingle().Which.Location.Should().Be("Hall");
        (await client.GetAsync(CalendarFeedService.PathFor(DemoEvent.Slug, old!), Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync(CalendarFeedService.PathFor(DemoEvent.Slug, "not-a-token-at-all-000000"), Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/events/" + DemoEvent.Slug + "/calendar/.ics", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteExportWebTests(SqliteDemoFixture fixture) : ExportWebTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresExportWebTests(PostgresDemoFixture fixture) : ExportWebTests(fixture), IClassFixture<PostgresDemoFixture>;
