using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Tests.Export;

/// <summary>Schedules built by hand for the export tests: three 45-minute rounds from 19:00 in Seoul on 2025-12-11.</summary>
internal static class ExportKit
{
    public static readonly DateTimeOffset SevenPmInSeoul = new(2025, 12, 11, 10, 0, 0, TimeSpan.Zero);

    public static EventSchedule Schedule(params (string Room, int Round, string Title, string Moderator)[] sessions)
    {
        var rooms = sessions.Select(s => s.Room.Trim()).Append("Hall").Append("Room 1").Distinct()
            .Select((name, i) => new RoomView(Guid.NewGuid(), name, 10 + i)).ToList();
        var rounds = Enumerable.Range(1, 3)
            .Select(n => new RoundView(Guid.NewGuid(), n, SevenPmInSeoul.AddHours(n - 1), SevenPmInSeoul.AddHours(n - 1).AddMinutes(45))).ToList();
        var views = sessions.Select(s => new SessionView(
            Guid.NewGuid(), rooms.First(r => r.Name == s.Room.Trim()).Id, rounds[s.Round - 1].Id, Guid.NewGuid(),
            s.Title, CardKind.Commercial, "ko", s.Moderator, 3, 0, 10)).ToList();
        return new EventSchedule(Guid.NewGuid(), "test-event", "Test", "Seoul", "Asia/Seoul", EventPhase.Marketplace, rooms, rounds, views);
    }
}
