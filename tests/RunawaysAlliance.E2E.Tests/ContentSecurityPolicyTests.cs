using System.Collections.Concurrent;
using FluentAssertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// The policy's connect-src is only 'self' unless AllowedHosts names hosts. In a real Chromium that must still let
/// Blazor open its WebSocket (CSP Level 3: 'self' covers the page's own ws:/wss:), not fall back to long polling.
/// </summary>
public sealed class ContentSecurityPolicyTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    [Fact]
    public async Task Board_ConnectSrcSelfOnly_CircuitRunsOverWebSocketWithoutViolations()
    {
        await using var context = await chromium.NewLaptopContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var violations = new ConcurrentQueue<string>();
        var sockets = new ConcurrentQueue<string>();
        var framesReceived = 0;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue(message.Text);
            }
        };
        page.WebSocket += (_, socket) =>
        {
            sockets.Enqueue(socket.Url);
            socket.FrameReceived += (_, _) => Interlocked.Increment(ref framesReceived);
        };

        var response = await page.OpenAsync(BoardPages.DemoBoard);

        var csp = await response!.HeaderValueAsync("content-security-policy");
        csp.Should().Contain("connect-src 'self';", "this test is about a policy without an explicit ws: source");
        sockets.Should().ContainSingle(url => url.StartsWith("ws://", StringComparison.Ordinal) && url.Contains("/_blazor", StringComparison.Ordinal));
        Volatile.Read(ref framesReceived).Should().BePositive("the circuit became interactive over the WebSocket");
        violations.Should().BeEmpty();
    }
}
