using System.Globalization;
using FluentAssertions;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests;

public sealed class EventClockTests
{
    private static readonly DateTimeOffset SevenPmInSeoul = new(2025, 12, 11, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Time_InstantInUtc_ShownOnTheEventsTwentyFourHourClock()
    {
        var seoul = EventClock.For("Asia/Seoul");

        seoul.Time(SevenPmInSeoul).Should().Be("19:00");
        seoul.Local(SevenPmInSeoul).Offset.Should().Be(TimeSpan.FromHours(9));
        seoul.Local(SevenPmInSeoul).Should().Be(SevenPmInSeoul, "the same instant, only with the venue's offset");
        EventClock.For("Europe/Berlin").Time(SevenPmInSeoul).Should().Be("11:00");
    }

    [Fact]
    public void Date_EnglishAndKorean_WrittenOutInTheReadersCulture()
    {
        var seoul = EventClock.For("Asia/Seoul");
        var lateUtc = new DateTimeOffset(2025, 12, 11, 16, 0, 0, TimeSpan.Zero);

        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        var english = seoul.Date(lateUtc);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ko");
        var korean = seoul.Date(lateUtc);

        english.Should().Contain("December 12").And.Contain("2025", "01:00 in Seoul is already the next day");
        korean.Should().Contain("2025년 12월 12일");
    }
}
