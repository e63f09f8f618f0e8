using System.Diagnostics;
using FluentAssertions;
using RunawaysAlliance.TestSupport;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Two instances on one PostgreSQL behind a sticky load balancer (YARP, as a deployment would have one). A
/// Blazor Server circuit lives in one process: when that instance stops, the reconnect UI finds the other
/// instance, which does not know the circuit, and reloads the page there. The person is still signed in
/// (Data Protection keys are shared through the database) and the card they were typing is all there, including
/// the last words that had not reached the server yet.
/// </summary>
public sealed class InstanceStopTests(ChromiumFixture chromium)
{
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    [ExpectsConsoleError(BrowserConsole.ConnectionLost, "the test stops the instance that holds the circuit")]
    public async Task InstanceStops_CircuitReloadsOnTheOtherInstance_NothingTypedLost()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestPostgres.CreateDatabaseAsync("ra_e2e_stop", ct);
        RunawaysApp? a = await RunawaysApp.StartAsync(database.ConnectionString, ct);
        await using var b = await RunawaysApp.StartAsync(database.ConnectionString, ct);
        try
        {
            await using var balancer = await TestLoadBalancer.StartAsync(
                new Dictionary<string, Uri> { ["a"] = a.BaseAddress, ["b"] = b.BaseAddress }, ct);
            var code = await MarketplacePages.JoinCodeAsync(b, ct);
            await using var phone = await _chromium.NewPhoneContextAsync(balancer.BaseAddress);
            var page = await phone.NewPageAsync();
            await page.JoinDemoAsync(code, MarketplacePages.UniqueName("Min"));
            await page.OpenCardFormAsync();
            balancer.CircuitInstances.Should().NotBeEmpty().And.OnlyContain(i => i == "a", "the balancer pins a new visitor to a");
            (await phone.CookiesAsync()).Select(c => c.Name).Should().Contain(TestLoadBalancer.AffinityCookie);

            var draft = new CardInput(
                Title: $"마을 장터 온라인 예약 — village market bookings {Guid.NewGuid().ToString("N")[..6]}",
                Problem: "장터에 오는 분들이 미리 자리를 예약할 수 있으면 좋겠어요.\nWe take bookings by phone today.",
                Tags: "장터, bookings",
                Language: "ko",
                Kind: "NonCommercial");
            await page.FillCardAsync(draft);
            await page.WaitForDraftSavedAsync(draft.Title, draft.Problem);

            // The last line is typed just as the instance goes: the server may never hear it, the browser keeps it.
            var typed = draft with { Problem = draft.Problem + "\n마지막 줄: 서버가 멈추기 직전에 쓴 글 ✍️" };
            await page.CardField("problem").FillAsync(typed.Problem);
            var circuitsBefore = balancer.CircuitInstances.Count;
            var pagesBefore = balancer.PageRequests.Count;

            // The reconnect UI reloads the page once the other instance says it does not know the circuit.
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            page.Load += (_, _) => reloaded.TrySetResult();
            await page.MarkWindowAsync();
            var clock = Stopwatch.StartNew();
            var stopping = a;
            a = null;
            await stopping.DisposeAsync();
            E2EEnvironment.Log($"Instance a stopped in {clock.ElapsedMilliseconds} ms.");
            await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            E2EEnvironment.Log($"The page reloaded {clock.ElapsedMilliseconds} ms after instance a began to stop.");
            await page.WaitForInteractiveAsync();
            (await page.ReadWindowMarkAsync()).Should().BeNull("the page was loaded again, not reconnected in place");
            E2EEnvironment.Log($"Interactive again on b {clock.ElapsedMilliseconds} ms after instance a began to stop.");

            page.Url.Should().EndWith("/" + MarketplacePages.NewCard, "the person is still signed in on b and back on the form");
            balancer.PageRequests.Skip(pagesBefore).Should().NotBeEmpty().And.OnlyContain(r => r.Instance == "b");
            balancer.CircuitInstances.Skip(circuitsBefore).Should().Contain("b", "the new circuit lives on b");
            await page.ExpectCardFieldsAsync(typed);
            await page.WaitForDraftSavedAsync(typed.Title, typed.Problem);
            (await MarketplacePages.ServerDraftProblemAsync(b, typed.Title, ct)).Should().Be(typed.Problem, "b now holds everything that was typed");
            await page.ScreenshotToAsync("instance-stop-draft-on-other-instance-phone.png");
        }
        finally
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }
        }
    }
}
