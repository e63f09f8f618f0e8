using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Sdk;
using Xunit.v3;

[assembly: RunawaysAlliance.E2E.Tests.BrowserConsoleStaysClean]

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// What the browser's console said during each test: errors (a failed resource load, a script error, an uncaught
/// exception) that a person never sees but a developer should. Every context a test opens through
/// <see cref="ChromiumFixture"/> is watched, and every test ends with a check that nothing was said.
/// </summary>
public static class BrowserConsole
{
    /// <summary>What a page says when its server goes away (offline, restarted, stopped): the tests that do that on purpose expect it.</summary>
    public const string ConnectionLost =
        "WebSocket closed|WebSocket failed to connect|WebSocket connection to .* failed|Unexpected response code: 502|Failed to start the transport|negotiat|Failed to start the connection|Connection disconnected|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|status of 502|Bad Gateway|Failed to fetch|Server returned an error on close|Invocation canceled";

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Errors = new(StringComparer.Ordinal);

    /// <summary>Records the context's console errors and uncaught page errors against the test that opened it.</summary>
    public static IBrowserContext Watch(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var log = Errors.GetOrAdd(TestContext.Current.Test?.UniqueID ?? string.Empty, _ => new ConcurrentQueue<string>());
        context.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                log.Enqueue($"{message.Text} (at {message.Location}, page {message.Page?.Url})");
            }
        };
        context.WebError += (_, error) => log.Enqueue($"uncaught: {error.Error} (page {error.Page?.Url})");
        // A resource that fails (the favicon included, which the console does not report in headless Chromium).
        context.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                log.Enqueue($"Failed to load resource: the server responded with a status of {response.Status} ({response.Request.ResourceType} {response.Url})");
            }
        };
        return context;
    }

    /// <summary>The errors logged so far by the contexts of a test, and forgets them.</summary>
    public static IReadOnlyList<string> Take(string testId) =>
        Errors.TryRemove(testId, out var log) ? [.. log] : [];
}

/// <summary>A test that provokes console errors on purpose (an instance stopped under a live page) names the ones it expects.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ExpectsConsoleErrorAttribute(string pattern, string because) : Attribute
{
    public Regex Pattern { get; } = new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public string Because { get; } = because;
}

/// <summary>Fails a test whose browser contexts logged a console error it did not expect (issue 17).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class BrowserConsoleStaysCleanAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(methodUnderTest);
        ArgumentNullException.ThrowIfNull(test);
        var expected = methodUnderTest.GetCustomAttributes<ExpectsConsoleErrorAttribute>().ToList();
        var unexpected = BrowserConsole.Take(test.UniqueID).Where(e => !expected.Any(x => x.Pattern.IsMatch(e))).ToList();
        if (unexpected.Count > 0)
        {
            throw new XunitException($"The browser console logged {unexpected.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, unexpected.Select(e => $"  - {e}"))}");
        }
    }
}
