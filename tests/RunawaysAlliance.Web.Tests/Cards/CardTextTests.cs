using System.Globalization;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>Every marketplace message a person can get has its words in English and Korean.</summary>
public sealed class CardTextTests
{
    // Every refusal the marketplace gives: the card rules, the marketplace phases and the card service's own checks.
    public static TheoryData<RuleCode> CardRules() =>
    [
        RuleCode.WithdrawnCannotBeEdited, RuleCode.AlreadyWithdrawn, RuleCode.ScheduledCannotBeWithdrawn,
        RuleCode.WithdrawnTakesNoOffers, RuleCode.NotOnOwnCard, RuleCode.NoOffer, RuleCode.CardEditedElsewhere,
        RuleCode.OnlyAuthorPicks, RuleCode.CoreNeedsCanHelp, RuleCode.NoSuchOffer, RuleCode.EventArchived,
        RuleCode.MarketplaceNotOpen, RuleCode.NotAMember, RuleCode.NoSuchCard, RuleCode.NotYourCard, RuleCode.NoSuchEvent,
        RuleCode.AlreadyOffered,
    ];

    [Theory]
    [MemberData(nameof(CardRules))]
    public void Message_EveryCardRule_HasEnglishAndKoreanWords(RuleCode code)
    {
        var refusal = ServiceResult.Rejected(new RuleMessage(code, "(English for the log)"));
        var english = Say("en", refusal);
        var korean = Say("ko", refusal);

        english.Should().NotBe(Say("en", new ServiceResult(false, "something unknown", ServiceFailure.Rule)), "a known rule has its own words");
        korean.Should().NotBe(english).And.MatchRegex("[가-힣]");
    }

    public static TheoryData<string> RefusedCards() =>
    [
        "title:",
        "title:" + new string('가', ProblemCard.TitleMaxLength + 1),
        "title:two\nlines",
        "problem:",
        "problem:" + new string('a', ProblemCard.ProblemMaxLength + 1),
        "help:" + new string('a', ProblemCard.HelpWantedMaxLength + 1),
        "tags:" + new string('t', ProblemCard.TagMaxLength + 1),
        "tags:" + string.Join(',', Enumerable.Range(1, ProblemCard.MaxTags + 1).Select(i => $"tag{i}")),
        "language:x",
        "kind:",
    ];

    [Theory]
    [MemberData(nameof(RefusedCards))]
    public void FieldError_EveryWayACardIsRefused_HasItsOwnEnglishAndKoreanWords(string refusal)
    {
        var input = Refuse(refusal);
        var key = CardText.FieldKey(input.Input!);

        foreach (var culture in new[] { "en", "ko" })
        {
            var localizer = Localizer(culture);
            localizer[key, 0].ResourceNotFound.Should().BeFalse($"{key} needs words in {culture}");
            var shown = CardText.FieldError(localizer, input, input.Input!.Field);
            shown.Should().NotBeNullOrWhiteSpace();
            if (input.Input.Limit is { } limit)
            {
                shown.Should().Contain(limit.ToString(CultureInfo.InvariantCulture), "the person needs to know the limit");
            }

            if (culture == "ko")
            {
                shown.Should().MatchRegex("[가-힣]");
            }
        }
    }

    [Fact]
    public void FieldError_OtherField_IsNull()
    {
        var refused = Refuse("title:");

        CardText.FieldError(Localizer("en"), refused, "problem").Should().BeNull();
        CardText.FieldError(Localizer("en"), refused, "title").Should().Be("Give the card a title.");
        CardText.FieldError(Localizer("ko"), refused, "title").Should().Be("제목을 적어 주세요.");
    }

    [Fact]
    public void Message_RateLimited_SaysWhenToRetryInTheReadersLanguage()
    {
        var result = ServiceResult.TooMany(new RuleMessage(RuleCode.PostingTooFast, CardService.TooManyMessage(17), 17), 17);

        Say("en", result).Should().Be("You are posting quickly. Try again in 17 seconds.");
        Say("ko", result).Should().Be("너무 빨리 올리고 있어요. 17초 뒤에 다시 시도하세요.");
    }

    [Fact]
    public void Message_Conflict_AsksWhichVersionToKeep()
    {
        var result = ServiceResult.Rejected(new ConcurrentEditException(RuleCode.CardEditedElsewhere, CardMessages.EditedElsewhere));

        result.Failure.Should().Be(ServiceFailure.Conflict);
        Say("en", result).Should().Contain("another tab");
    }

    private static ServiceResult Refuse(string refusal)
    {
        var (field, value) = (refusal[..refusal.IndexOf(':', StringComparison.Ordinal)], refusal[(refusal.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var content = new CardContent(
            field == "title" ? value : "A title",
            field == "problem" ? value : "A problem",
            field == "help" ? value : null,
            field == "kind" ? (CardKind)42 : CardKind.NonCommercial,
            field == "tags" ? CardTags.Split(value) : null,
            field == "language" ? value : "en");
        try
        {
            _ = new ProblemCard(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), content, DateTimeOffset.UtcNow);
        }
        catch (DomainException ex)
        {
            return ServiceResult.Rejected(ex);
        }

        throw new InvalidOperationException($"The domain accepted {refusal}; the test data is wrong.");
    }

    private static string Say(string culture, ServiceResult result) => CardText.Message(Localizer(culture), result);

    private static IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }
}
