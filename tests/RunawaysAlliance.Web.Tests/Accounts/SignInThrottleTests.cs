using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Web.Features.Accounts;

namespace RunawaysAlliance.Web.Tests.Accounts;

/// <summary>The growing delays of password sign-in, per user name and per client, on a fake clock.</summary>
public sealed class SignInThrottleTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryBegin_FailuresBeyondTheFreeOnes_WaitDoublesUpToAMinute()
    {
        var throttle = new SignInThrottle(_clock);
        var waits = new List<TimeSpan>();

        // Each attempt from a client of its own, so that only the user name's delay shows; a refused attempt waits
        // as long as it is told and tries again.
        for (var attempt = 1; attempt <= 13; attempt++)
        {
            var first = throttle.TryBegin("mina", $"10.0.0.{attempt}");
            waits.Add(first.RetryAfter);
            if (!first.IsAllowed)
            {
                _clock.Advance(first.RetryAfter);
                throttle.TryBegin("mina", $"10.0.1.{attempt}").IsAllowed.Should().BeTrue("attempt {0} goes through once the wait is over", attempt);
            }
        }

        waits.Select(w => w.TotalSeconds).Should().Equal(0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60);
    }

    [Fact]
    public void TryBegin_DuringTheWait_RefusedWithoutCountingAndAllowedOnceItPasses()
    {
        var throttle = new SignInThrottle(_clock);
        FailFreeAttempts(throttle, "mina", "10.0.0.1");
        throttle.TryBegin("mina", "10.0.0.1").RetryAfter.Should().Be(TimeSpan.FromSeconds(1), "five failures are free, the sixth attempt waits");
        _clock.Advance(TimeSpan.FromSeconds(1));
        throttle.TryBegin("mina", "10.0.0.1").IsAllowed.Should().BeTrue();

        // Hammering during the two-second wait changes nothing: no attempt counts, the wait does not grow.
        for (var i = 0; i < 100; i++)
        {
            var refused = throttle.TryBegin("mina", "10.0.0.2");
            refused.IsAllowed.Should().BeFalse();
            refused.RetryAfter.Should().Be(TimeSpan.FromSeconds(2));
            refused.RetryAfterSeconds.Should().Be(2);
        }

        _clock.Advance(TimeSpan.FromSeconds(2));
        throttle.TryBegin("mina", "10.0.0.3").IsAllowed.Should().BeTrue();
        throttle.TryBegin("mina", "10.0.0.4").RetryAfter.Should().Be(TimeSpan.FromSeconds(4), "the next step, not one inflated by the refused attempts");
    }

    [Fact]
    public void TryBegin_FailuresForOneUserName_DoNotSlowAnother()
    {
        var throttle = new SignInThrottle(_clock);
        for (var i = 0; i < 10; i++)
        {
            throttle.TryBegin("Mina", $"10.0.0.{i}");
        }

        throttle.TryBegin("MINA ", "10.0.9.9").IsAllowed.Should().BeFalse("user names are compared as Identity does, ignoring case");
        throttle.TryBegin("junho", "10.0.9.9").IsAllowed.Should().BeTrue();
    }

    [Fact]
    public void TryBegin_ManyUserNamesFromOneClient_SlowsThatClientOnly()
    {
        var throttle = new SignInThrottle(_clock);
        var free = SignInThrottle.ClientPolicy.FreeFailures;
        for (var i = 0; i < free; i++)
        {
            throttle.TryBegin($"name-{i}", "203.0.113.7").IsAllowed.Should().BeTrue("failure {0} of the client's free ones", i + 1);
        }

        var refused = throttle.TryBegin("another-name", "203.0.113.7");
        refused.IsAllowed.Should().BeFalse();
        refused.RetryAfter.Should().Be(SignInThrottle.ClientPolicy.FirstDelay);
        throttle.TryBegin("another-name", "198.51.100.1").IsAllowed.Should().BeTrue("another client is not slowed");

        _clock.Advance(SignInThrottle.ClientPolicy.FirstDelay);
        throttle.TryBegin("yet-another", "203.0.113.7").IsAllowed.Should().BeTrue();
        throttle.TryBegin("and-another", "203.0.113.7").RetryAfter.Should().Be(SignInThrottle.ClientPolicy.FirstDelay * 2, "the client's wait grows too");
    }

    [Fact]
    public void TryBegin_BurstWithoutWaiting_LetsOnlyTheFreeAttemptsThrough()
    {
        var throttle = new SignInThrottle(_clock);

        var allowed = Enumerable.Range(0, 50).Count(i => throttle.TryBegin("mina", $"10.0.0.{i}").IsAllowed);

        allowed.Should().Be(SignInThrottle.AccountPolicy.FreeFailures, "an attempt counts from the moment it is let through");
    }

    [Fact]
    public void Succeeded_AfterFailures_StartsTheUserNameAfreshAndRefundsTheClient()
    {
        var throttle = new SignInThrottle(_clock);
        FailFreeAttempts(throttle, "mina", "10.0.0.1");
        _clock.Advance(SignInThrottle.AccountPolicy.FirstDelay);
        var owner = throttle.TryBegin("mina", "10.0.0.1");
        owner.IsAllowed.Should().BeTrue();

        throttle.Succeeded(owner);

        for (var i = 0; i < SignInThrottle.AccountPolicy.FreeFailures; i++)
        {
            throttle.TryBegin("mina", "10.0.0.2").IsAllowed.Should().BeTrue("failure {0} is free again", i + 1);
        }
    }

    [Fact]
    public void TryBegin_QuietUserName_FailuresFadeOneAMinute()
    {
        var throttle = new SignInThrottle(_clock);
        for (var i = 0; i < 50; i++)
        {
            var attempt = throttle.TryBegin("mina", $"10.0.{i}.1");
            _clock.Advance(attempt.IsAllowed ? TimeSpan.Zero : attempt.RetryAfter);
        }

        _clock.Advance(Minute * 60);

        for (var i = 0; i < SignInThrottle.AccountPolicy.FreeFailures; i++)
        {
            throttle.TryBegin("mina", "10.9.9.9").IsAllowed.Should().BeTrue("an hour later the failures are forgotten");
        }
    }

    private static void FailFreeAttempts(SignInThrottle throttle, string userName, string client)
    {
        for (var i = 0; i < SignInThrottle.AccountPolicy.FreeFailures; i++)
        {
            throttle.TryBegin(userName, client).IsAllowed.Should().BeTrue("failure {0} is free", i + 1);
        }
    }
}
