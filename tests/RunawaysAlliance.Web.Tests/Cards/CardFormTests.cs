using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>The card form's model: what it turns into, and what it takes back from the browser's copy.</summary>
public sealed class CardFormTests
{
    [Fact]
    public void Apply_BrowserValuesOfADraft_GivesTheSameDraftBack()
    {
        var draft = new CardDraftInput("손뜨개 협동조합 🧶", "주문을 온라인으로\n받고 싶어요", "Naver shop", CardKind.Commercial, "협동조합, ecommerce", "ko");
        var form = new CardForm();

        form.Apply(CardForm.BrowserValues(draft).ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

        form.ToDraft().Should().Be(draft);
    }

    [Fact]
    public void Apply_MissingOrUnknownValues_KeepsWhatTheFormHad()
    {
        var form = new CardForm { Title = "Kept", Kind = CardKind.Commercial, Language = "en" };

        form.Apply(new Dictionary<string, string?> { ["problem"] = "New text", ["kind"] = "Nonsense", ["language"] = "" });

        form.Title.Should().Be("Kept");
        form.Problem.Should().Be("New text");
        form.Kind.Should().Be(CardKind.Commercial);
        form.Language.Should().Be("en");
    }

    [Theory]
    [InlineData("", "pricing")]
    [InlineData("repair,", "repair, pricing")]
    [InlineData("repair, ", "repair, pricing")]
    public void AddTag_AfterWhatWasTyped_AppendsWithOneComma(string typed, string expected)
    {
        var form = new CardForm { Tags = typed };

        form.AddTag("pricing");

        form.Tags.Should().Be(expected);
    }

    [Fact]
    public void ToContent_TypedTags_SplitsThemForTheDomain()
    {
        var form = new CardForm { Title = "T", Problem = "P", Tags = "machine learning #repair, 교육" };

        form.ToContent().Tags.Should().Equal("machine learning", "repair", "교육");
    }

    [Fact]
    public void Clear_NewCard_EmptiesTheTextAndKeepsTheLanguage()
    {
        var form = new CardForm { Title = "T", Problem = "P", HelpWanted = "H", Tags = "x", Kind = CardKind.Commercial, Language = "ja" };

        form.Clear();

        form.HasText.Should().BeFalse();
        form.Kind.Should().Be(CardKind.NonCommercial);
        form.Language.Should().Be("ja");
    }
}
