using System.Text.Json;
using System.Xml.Linq;
using FluentAssertions;
using RunawaysAlliance.Web.Features.Export;

namespace RunawaysAlliance.Web.Tests.Export;

/// <summary>schedule.json and schedule.xml against the c3voc JSON schema and XSD, the formats schedule apps read.</summary>
public sealed class C3vocScheduleTests
{
    private static readonly Uri Site = new("https://runaways.example/");

    [Fact]
    public void Validators_ThePretalxExample_IsValid_AndABrokenOneIsNot()
    {
        // The validator itself, so that "no errors" below means something.
        C3vocValidators.JsonErrors(File.ReadAllText(Path.Combine(C3vocValidators.Directory, "example-pretalx-democon.json"))).Should().BeEmpty();
        var broken = C3vocSchedule.ToJson(ExportKit.Schedule(("Hall", 1, "Hiring", "Alex")), Site).Replace("\"daysCount\"", "\"dayCount\"", StringComparison.Ordinal);
        C3vocValidators.JsonErrors(broken).Should().NotBeEmpty();
        C3vocValidators.XmlErrors("<schedule><version>1</version></schedule>"u8.ToArray()).Should().NotBeEmpty();
    }

    [Fact]
    public void ToJson_Sessions_ValidWithOneEventPerSessionInTheEventsZone()
    {
        var schedule = ExportKit.Schedule(("Hall", 2, "가격을 어떻게 정하죠?", "민준"), ("Room 1", 1, "Pricing <b>&</b> \"quotes\"", "Mina"), ("Hall", 1, "Hiring", "Alex"));

        var json = C3vocSchedule.ToJson(schedule, Site);

        C3vocValidators.JsonErrors(json).Should().BeEmpty();
        using var document = JsonDocument.Parse(json);
        var conference = document.RootElement.GetProperty("schedule").GetProperty("conference");
        conference.GetProperty("time_zone_name").GetString().Should().Be("Asia/Seoul");
        conference.GetProperty("acronym").GetString().Should().Be("test_event");
        var day = conference.GetProperty("days").EnumerateArray().Should().ContainSingle().Subject;
        day.GetProperty("date").GetString().Should().Be("2025-12-11");
        var events = day.GetProperty("rooms").EnumerateObject().SelectMany(room => room.Value.EnumerateArray().Select(e => (Room: room.Name, Event: e))).ToList();
        events.Should().HaveCount(3);
        var hangul = events.Single(e => e.Event.GetProperty("title").GetString() == "가격을 어떻게 정하죠?");
        hangul.Room.Should().Be("Hall");
        hangul.Event.GetProperty("date").GetString().Should().Be("2025-12-11T20:00:00+09:00");
        hangul.Event.GetProperty("duration").GetString().Should().Be("00:45");
        hangul.Event.GetProperty("persons")[0].GetProperty("name").GetString().Should().Be("민준");
        var session = schedule.Sessions.Single(s => s.CardTitle == "가격을 어떻게 정하죠?");
        hangul.Event.GetProperty("guid").GetString().Should().Be(ScheduleIds.Session(schedule.EventId, session.Id).ToString("D"));
        events.Select(e => e.Event.GetProperty("guid").GetString()).Should().OnlyHaveUniqueItems();
        events.Select(e => e.Event.GetProperty("slug").GetString()).Should().OnlyHaveUniqueItems();
        hangul.Event.GetProperty("url").GetString().Should().Be($"https://runaways.example/events/test-event/sessions/{session.Id:D}");
    }

    [Fact]
    public void ToXml_Sessions_ValidAgainstTheXsd_TextEscaped()
    {
        var schedule = ExportKit.Schedule(("Hall", 2, "가격을 어떻게 정하죠?", "민준"), ("Room 1", 1, "Pricing <b>&</b> \"quotes\"", "Mina"), ("Hall", 1, "Hiring", "Alex"));

        var xml = C3vocSchedule.ToXml(schedule, Site);

        C3vocValidators.XmlErrors(xml).Should().BeEmpty();
        var document = XDocument.Load(new MemoryStream(xml));
        var events = document.Descendants("event").ToList();
        events.Should().HaveCount(3);
        events.Select(e => (string?)e.Element("title")).Should().Contain("Pricing <b>&</b> \"quotes\"", "markup in a title is text");
        events.Single(e => (string?)e.Element("title") == "가격을 어떻게 정하죠?").Parent!.Attribute("name")!.Value.Should().Be("Hall");
    }

    [Fact]
    public void Exports_NoSessions_AndNoRounds_StillValidEmptyDocuments()
    {
        var empty = ExportKit.Schedule();
        var noRounds = empty with { Rounds = [] };

        foreach (var schedule in new[] { empty, noRounds })
        {
            C3vocValidators.JsonErrors(C3vocSchedule.ToJson(schedule, Site)).Should().BeEmpty();
            C3vocValidators.XmlErrors(C3vocSchedule.ToXml(schedule, Site)).Should().BeEmpty();
            XDocument.Load(new MemoryStream(C3vocSchedule.ToXml(schedule, Site))).Descendants("event").Should().BeEmpty();
        }
    }
}
