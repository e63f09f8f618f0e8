using Bunit;
using FluentAssertions;
using Microsoft.AspNetCore.Components;
using RunawaysAlliance.Web.Components.Layout;

namespace RunawaysAlliance.Web.Tests.Components;

/// <summary>
/// The layout's boundary around every page: in a live circuit a page that throws (on first render or in a click
/// handler) shows "try again" in the reader's language instead of ending the circuit, and "try again" renders the
/// page anew. Outside a circuit (prerendering) the exception goes on to the app's error page.
/// </summary>
public sealed class PageBoundaryTests
{
    [Theory]
    [InlineData("en", "could not be shown just now", "Try again")]
    [InlineData("ko", "표시하지 못했습니다", "다시 시도")]
    public void PageThrowsWhileLoading_InACircuit_ShowsTryAgainInTheReadersLanguage(string culture, string message, string button)
    {
        using var context = Interactive(culture);
        Flaky.FailuresLeft = 1;

        var boundary = context.Render<PageBoundary>(p => p.AddChildContent<Flaky>());

        boundary.Find("[data-testid=page-error]").TextContent.Should().Contain(message);
        boundary.Find("[data-testid=page-error-retry]").TextContent.Trim().Should().Be(button);
        boundary.FindAll("[data-testid=flaky]").Should().BeEmpty();
    }

    [Fact]
    public void TryAgain_AfterTheStoreIsBack_ShowsThePage()
    {
        using var context = Interactive("en");
        Flaky.FailuresLeft = 1;
        var boundary = context.Render<PageBoundary>(p => p.AddChildContent<Flaky>());

        boundary.Find("[data-testid=page-error-retry]").Click();

        boundary.Find("[data-testid=flaky]").TextContent.Should().Be("loaded");
        boundary.FindAll("[data-testid=page-error]").Should().BeEmpty();
    }

    [Fact]
    public void ClickHandlerThrows_InACircuit_ShowsTryAgainAndTheCircuitLivesOn()
    {
        using var context = Interactive("en");
        Flaky.FailuresLeft = 0;
        var boundary = context.Render<PageBoundary>(p => p.AddChildContent<Flaky>());

        boundary.Find("[data-testid=flaky-save]").Click();

        boundary.Find("[data-testid=page-error]").Should().NotBeNull();
        boundary.Find("[data-testid=page-error-retry]").Click();
        boundary.Find("[data-testid=flaky]").TextContent.Should().Be("loaded");
    }

    [Fact]
    public void PageThrows_WhilePrerendering_TheExceptionGoesOnToTheErrorPage()
    {
        using var context = ComponentContext.Create();
        context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        Flaky.FailuresLeft = 1;

        var render = () => context.Render<PageBoundary>(p => p.AddChildContent<Flaky>());

        render.Should().Throw<InvalidOperationException>().WithMessage("*store*");
    }

    private static BunitContext Interactive(string culture)
    {
        var context = ComponentContext.Create(culture);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    /// <summary>A page whose first loads fail the way a read fails when the database connection dropped.</summary>
    private sealed class Flaky : ComponentBase
    {
        // Static: a boundary's "try again" makes a new instance. The tests of one class run one after another.
        private static int _failuresLeft;

        public static int FailuresLeft
        {
            get => _failuresLeft;
            set => _failuresLeft = value;
        }

        protected override void OnInitialized()
        {
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                throw new InvalidOperationException("The store could not be reached (simulated).");
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "flaky");
            builder.AddContent(2, "loaded");
            builder.CloseElement();
            builder.OpenElement(3, "button");
            builder.AddAttribute(4, "data-testid", "flaky-save");
            builder.AddAttribute(5, "onclick", EventCallback.Factory.Create(this, Save));
            builder.AddContent(6, "save");
            builder.CloseElement();
        }

        private static void Save() => throw new InvalidOperationException("The store could not be reached while saving (simulated).");
    }
}
