using System.Security.Claims;
using Bunit;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using RunawaysAlliance.Web.Features.Accounts;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// The card form going away when its browser is gone (issue 15: the circuit crashed in dispose). Detaching the
/// page's script then throws; the form must still dispose cleanly.
/// </summary>
public sealed class CardFormPageDisposeTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>
{
    private const string Module = "./Features/Cards/CardFormPage.razor.js";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("disconnected")]
    [InlineData("task-cancelled")]
    [InlineData("operation-cancelled")]
    public async Task DisposeAsync_BrowserGoneWhileDetaching_DisposesWithoutThrowing(string how)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await using var ctx = ComponentContext.Create();
        ctx.Services.AddSingleton(app.Services.GetRequiredService<LiveBoards>());
        ctx.Services.AddSingleton(app.CardService());
        ctx.Services.AddSingleton(app.CardQueries());
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddScoped<CurrentPerson>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("Daniel");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, demo.Person("Daniel").ToString()));
        var module = ctx.JSInterop.SetupModule(Module);
        module.SetupVoid("attach", _ => true).SetVoidResult();
        module.SetupVoid("detach", _ => true).SetException<Exception>(how switch
        {
            "disconnected" => new JSDisconnectedException("The circuit is gone."),
            "task-cancelled" => new TaskCanceledException("The call was cancelled as the circuit ended."),
            _ => new OperationCanceledException("The call was cancelled as the circuit ended."),
        });

        var cut = ctx.Render<CardFormPage>(p => p.Add(c => c.Slug, "runaways-2025"));
        cut.WaitForAssertion(() => module.VerifyInvoke("attach"), TimeSpan.FromSeconds(10));

        var dispose = async () => await ((IAsyncDisposable)cut.Instance).DisposeAsync();

        await dispose.Should().NotThrowAsync();
        module.VerifyInvoke("detach");
    }
}
