using Bunit;
using FluentAssertions;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Components.Shared;

namespace RunawaysAlliance.Web.Tests.Components;

/// <summary>
/// What the server renders for a countdown: the time left at render time and the instants the browser script
/// counts down from (the script itself is exercised in Chromium by the moderator E2E tests).
/// </summary>
public sealed class CountdownTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Render_Running_ShowsTimeLeftAndTheEndInstantForTheBrowser()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, TimerState.Running, endsAt: Now.AddMinutes(30).AddSeconds(5));

        var el = cut.Find("[data-countdown]");
        el.GetAttribute("data-state").Should().Be("running");
        el.GetAttribute("data-ends-at").Should().Be(Now.AddMinutes(30).AddSeconds(5).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        el.GetAttribute("data-server-now").Should().Be(Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        el.GetAttribute("data-warn-ms").Should().Be("300000");
        cut.Find("[data-countdown-time]").TextContent.Should().Be("30:05");
        el.ClassList.Should().NotContain("warning").And.NotContain("ended");
    }

    [Fact]
    public void Render_RunningInTheLastFiveMinutes_IsAWarning()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, TimerState.Running, endsAt: Now.AddMinutes(4).AddSeconds(59), size: CountdownSize.Big);

        cut.Find("[data-countdown]").ClassList.Should().Contain("warning");
        cut.Find("[data-countdown-label]").TextContent.Should().Be("Last 5 minutes");
    }

    [Fact]
    public void Render_RunningPastItsEnd_ShowsZeroAndTimeIsUp()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, TimerState.Running, endsAt: Now.AddSeconds(-20), size: CountdownSize.Big);

        cut.Find("[data-countdown-time]").TextContent.Should().Be("0:00");
        cut.Find("[data-countdown]").ClassList.Should().Contain("ended");
        cut.Find("[data-countdown-label]").TextContent.Should().Be("Time is up");
    }

    [Fact]
    public void Render_Paused_ShowsTheStoredTimeLeftAndNoEndInstant()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, TimerState.Paused, remaining: TimeSpan.FromMinutes(12.5));

        var el = cut.Find("[data-countdown]");
        el.GetAttribute("data-state").Should().Be("paused");
        el.HasAttribute("data-ends-at").Should().BeFalse();
        el.GetAttribute("data-remaining-ms").Should().Be("750000");
        cut.Find("[data-countdown-time]").TextContent.Should().Be("12:30");
        cut.Find("[data-countdown-label]").TextContent.Should().Be("Paused");
    }

    [Fact]
    public void Render_NotStartedInKorean_ShowsTheWholeTimeInKorean()
    {
        using var ctx = ComponentContext.Create("ko");

        var cut = Render(ctx, TimerState.NotStarted, remaining: TimeSpan.FromMinutes(45));

        cut.Find("[data-countdown-time]").TextContent.Should().Be("45:00");
        cut.Find("[data-countdown-label]").TextContent.Should().Be("시작 전");
    }

    [Fact]
    public void Render_Ended_ShowsZeroWhateverWasLeft()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, TimerState.Ended, remaining: TimeSpan.FromMinutes(3));

        cut.Find("[data-countdown-time]").TextContent.Should().Be("0:00");
        cut.Find("[data-countdown]").ClassList.Should().Contain("ended");
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(0.2, "0:01")]
    [InlineData(59, "0:59")]
    [InlineData(2700, "45:00")]
    [InlineData(3900, "1:05:00")]
    [InlineData(-5, "0:00")]
    public void Format_RoundsUpToWholeSeconds(double seconds, string expected) =>
        Countdown.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    private static IRenderedComponent<Countdown> Render(BunitContext ctx, TimerState state, DateTimeOffset? endsAt = null, TimeSpan remaining = default, CountdownSize size = CountdownSize.Small) =>
        ctx.Render<Countdown>(p => p
            .Add(c => c.State, state)
            .Add(c => c.EndsAt, endsAt)
            .Add(c => c.Remaining, remaining)
            .Add(c => c.Now, Now)
            .Add(c => c.Size, size));
}
