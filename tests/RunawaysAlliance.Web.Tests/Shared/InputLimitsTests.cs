using System.Reflection;
using FluentAssertions;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Shared;

/// <summary>
/// The hub's receive limit against the domain's text limits (issue 15): a field at its browser limit, in UTF-8,
/// must fit one message, or a long paste drops the connection.
/// </summary>
public sealed class InputLimitsTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>
{
    [Fact]
    public async Task HubReceiveLimit_AsConfigured_FitsTheLargestDomainLimitAtItsBrowserLimitInUtf8()
    {
        var factory = await fixture.GetWebAppAsync(TestContext.Current.CancellationToken);
        var configured = ComponentHubOptions(factory.Services).MaximumReceiveMessageSize;

        var largest = DomainTextLimits().Max(l => l.Characters);
        var largestField = InputLimits.Units(largest) * InputLimits.MaxUtf8BytesPerUnit;
        var cardFormPush = InputLimits.CardFormUnits * InputLimits.MaxUtf8BytesPerUnit;

        configured.Should().Be(InputLimits.HubMessageBytes);
        configured.Should().BeGreaterThanOrEqualTo(largestField + 1024, $"a {largest}-character field at its maxlength is {largestField} bytes of UTF-8, plus its JSON");
        configured.Should().BeGreaterThanOrEqualTo(cardFormPush + 1024, "the card form's browser copy goes in one message after a reconnect");
        configured.Should().BeLessThanOrEqualTo(1024 * 1024, "the limit is still a limit");
        InputLimits.BrowserPushBytes.Should().BeGreaterThanOrEqualTo(cardFormPush);
    }

    [Fact]
    public void Units_OfADomainLimit_AcceptsEveryTextTheDomainAccepts()
    {
        // The longest text the domain takes for a field: every character a cluster of MaxUnitsPerCharacter units.
        var family = "👨‍👩‍👧‍👦"; // 11 UTF-16 units, one character
        var longest = string.Concat(Enumerable.Repeat(family, ProblemCard.TitleMaxLength));
        var accepted = Guard.RequiredText(longest, "title", ProblemCard.TitleMaxLength);

        accepted.Length.Should().BeLessThanOrEqualTo(InputLimits.Units(ProblemCard.TitleMaxLength));
        InputLimits.Units(ProblemCard.TitleMaxLength).Should().Be(ProblemCard.TitleMaxLength * Guard.MaxUnitsPerCharacter);
    }

    /// <summary>Every <c>…MaxLength</c> constant the domain declares: the limits people type against.</summary>
    internal static IEnumerable<(string Name, int Characters)> DomainTextLimits() =>
        typeof(ProblemCard).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(int) && f.Name.EndsWith("MaxLength", StringComparison.Ordinal))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (int)f.GetRawConstantValue()!));

    // ComponentHub is internal to Blazor Server; its options are what AddHubOptions configured.
    private static HubOptions ComponentHubOptions(IServiceProvider services)
    {
        var hub = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub));
        var options = services.GetRequiredService(optionsType);
        return (HubOptions)optionsType.GetProperty(nameof(IOptions<object>.Value))!.GetValue(options)!;
    }
}
