using FluentAssertions;
using Ical.Net;
using RunawaysAlliance.Web.Features.Export;

namespace RunawaysAlliance.Web.Tests.Export;

/// <summary>The schedule as iCalendar, parsed back with Ical.Net: one event per session, in the event's zone, stable UIDs.</summary>
public sealed class ScheduleIcsTests
{
    [Fact]
    public void Write_Sessions_OneEventEachInTheEventsZoneWithTheRoomAsLocation()
    {
        var schedule = ExportKit.Schedule(("Hall", 2, "가격을 어떻게 정하죠?", "민준"), ("Room 1", 1, "Pricing; \"quoted\", too", "Mina"), ("Hall", 1, "Hiring", "Alex"));

        var text = ScheduleIcs.Write(schedule);
        var calendar = Calendar.Load(text)!;

        text.Should().Contain("BEGIN:VTIMEZONE").And.Contain("TZID:Asia/Seoul");
        calendar.Events.Should().HaveCount(3);
        var pricing = calendar.Events.Single(e => e.Summary == "Pricing; \"quoted\", too");
        pricing.Location.Should().Be("Room 1");
        pricing.Description.Should().Be("Moderator: Mina");
        pricing.DtStart!.TzId.Should().Be("Asia/Seoul");
        (pricing.DtStart.Hour, pricing.DtStart.Minute, pricing.DtEnd!.Hour, pricing.DtEnd.Minute).Should().Be((19, 0, 19, 45));
        pricing.DtStart.AsUtc.Should().Be(ExportKit.SevenPmInSeoul.UtcDateTime, "19:00 in Seoul is 10:00 UTC");
        calendar.Events.Single(e => e.Summary == "가격을 어떻게 정하죠?").DtStart!.Hour.Should().Be(20, "Hangul survives the round trip");
        calendar.Events.Select(e => e.Uid).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Write_SameScheduleTwice_SameText_AndUidsFollowTheSessionNotItsSlot()
    {
        var schedule = ExportKit.Schedule(("Hall", 1, "Hiring", "Alex"));
        var session = schedule.Sessions[0];

        ScheduleIcs.Write(schedule).Should().Be(ScheduleIcs.Write(schedule), "a stable file keeps its ETag");
        var uid = ScheduleIds.Session(schedule.EventId, session.Id);
        uid.ToString("D")[14].Should().Be('5', "a version 5 (name-based) UUID");
        ScheduleIds.Session(schedule.EventId, session.Id).Should().Be(uid);
        ScheduleIds.Session(schedule.EventId, Guid.NewGuid()).Should().NotBe(uid);
        ScheduleIds.Session(Guid.NewGuid(), session.Id).Should().NotBe(uid);
        Calendar.Load(ScheduleIcs.Write(schedule))!.Events.Single().Uid.Should().Be($"{uid}@runaways-alliance");
    }

    [Fact]
    public void Write_NoSessions_AValidEmptyCalendar()
    {
        var calendar = Calendar.Load(ScheduleIcs.Write(ExportKit.Schedule()))!;

        calendar.Events.Should().BeEmpty();
        calendar.ProductId.Should().Contain("Runaways");
    }
}
