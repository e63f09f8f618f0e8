using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Shared;

/// <summary>
/// Every refusal a person can see is said by RuleText: in Korean from a Korean resource (never the English one
/// as a fallback), with no English sentence left once the arguments (names people typed) are taken out.
/// </summary>
public sealed partial class RuleTextTests
{
    // Arguments in English on purpose ("Mina Park", "Room Three"): names people type stay as typed, and the check
    // must not mistake them for an untranslated sentence.
    private const string Name = "Mina Park";
    private const string Title = "Pricing for a Small Bakery";
    private static readonly SlotName Slot = new("Room Three", 2);

    /// <summary>Every field name the domain gives an <see cref="InvalidInputException"/>.</summary>
    public static TheoryData<string> FieldNames() =>
    [
        "title", "problem", "help wanted", "kind", "tags", "language", "note", "display name", "ask me about", "email",
        "phone", "messenger", "LinkedIn", "name", "venue", "room name", "capacity", "duration", "slug", "time zone", "extension", "notes", "outcomes", "next steps",
        "phase", "role", "channels", "guests per hour", "cards per person",
    ];

    public static TheoryData<RuleCode> Codes() => [.. Enum.GetValues<RuleCode>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Message_EveryCodeInKorean_HasAKoreanResourceAndNoEnglishSentence(RuleCode code)
    {
        var arguments = Sample(code);
        var korean = Localizer("ko");

        KoreanKeys().Should().Contain(RuleText.Key(code), "every code needs its own Korean words, not the English fallback");
        var text = RuleText.Message(korean, code, arguments);

        text.Should().MatchRegex("[가-힣]");
        EnglishSentence(Without(text, korean, arguments)).Should().BeNull($"\"{text}\" should be Korean apart from its arguments");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Message_EveryCodeInEnglish_IsEnglishAndFailsTheKoreanCheck(RuleCode code)
    {
        var arguments = Sample(code);
        var english = Localizer("en");

        var text = RuleText.Message(english, code, arguments);

        text.Should().NotBe(RuleText.Failed(english), "every code has its own English words");
        text.Should().NotMatchRegex("[가-힣]");
        // The check above would catch this code if its Korean resource were missing or still English.
        EnglishSentence(Without(text, english, arguments)).Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Format_EveryFieldInKorean_HasAKoreanLabel(string field)
    {
        var label = RuleText.Format(Localizer("ko"), new FieldName(field));

        label.Should().NotBe(field, "a field is named in the reader's language").And.NotMatchRegex("^[a-z ]+$");
    }

    [Fact]
    public void Message_EnglishRun_SaysTheDomainsEnglishWords()
    {
        var english = Localizer("en");
        var taken = new SlotTakenException(new SlotName("Hall", 1), "Mina");
        var placed = Refusal(() => _ = new ProblemCard(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new CardContent("", "A problem", null, CardKind.Commercial, null, "en"), DateTimeOffset.UtcNow));

        RuleText.Message(english, taken).Should().Be("Hall · Round 1 was just claimed by Mina.").And.Be(taken.Message);
        RuleText.Message(english, ServiceResult.Rejected(placed)).Should().Be("Title is required.").And.Be(placed.Message);
        RuleText.Message(english, new RuleViolationException(RuleCode.TooManyCoreSolvers, CardMessages.TooManyCoreSolvers, ProblemCard.MaxCoreSolvers))
            .Should().Be(CardMessages.TooManyCoreSolvers);
    }

    [Fact]
    public void Message_KoreanRun_FormatsSlotsTimesAndNestedChanges()
    {
        var korean = Localizer("ko");
        var changed = new RuleMessage(RuleCode.BoardChanged, "(English)", (object)new List<RuleMessage>
        {
            new SlotTakenException(new SlotName("Hall", 1), "Mina").ToRuleMessage(),
            new(RuleCode.SlotGivenBack, "(English)", new SlotName("Room 2", 3)),
        });

        var text = RuleText.Message(korean, ServiceResult.Rejected(changed));

        text.Should().Be("미리보기 이후 보드가 바뀌어 아무것도 적용하지 않았습니다: Hall · 1라운드 슬롯을 방금 Mina 님이 잡았습니다; Room 2 · 3라운드 슬롯이 반납되었습니다. 다시 제안을 받아 보세요.");
        RuleText.Message(korean, RuleCode.RoundsOverlap, [new TimeOnly(19, 30), 45, 1, new TimeOnly(19, 0), new TimeOnly(19, 45)])
            .Should().Be("19:30부터 45분 동안인 라운드는 1라운드(19:00–19:45)와 겹칩니다.");
    }

    [Fact]
    public void EnglishSentence_FindsTwoEnglishWordsButNotNamesOrAddresses()
    {
        EnglishSentence("이 카드는 already withdrawn 상태입니다.").Should().Be("already withdrawn");
        EnglishSentence("https://www.linkedin.com/ 으로 시작하는 LinkedIn 주소 (예: Asia/Seoul, ko, en)").Should().BeNull();
    }

    /// <summary>Sample arguments of the shape each code's message takes (a new code fails here until it has some).</summary>
    private static object[] Sample(RuleCode code) => code switch
    {
        RuleCode.InputRequired or RuleCode.InputNotOneLine or RuleCode.InputHiddenControl or RuleCode.DraftTooLong or
            RuleCode.SlugShape or RuleCode.CardKindMissing or RuleCode.CardLanguageMissing or RuleCode.OfferKindMissing or
            RuleCode.OfferNoteRequired or RuleCode.DisplayNameNeedsLetter or RuleCode.EmailShape or RuleCode.PhoneShape or
            RuleCode.LinkedInShape or RuleCode.PickChannel => [new FieldName("help wanted")],
        RuleCode.InputTooLong or RuleCode.TooManyTags => [new FieldName("title"), 120],
        RuleCode.InputUnknownValue => [new FieldName("phase"), "Sideways"],
        RuleCode.UnknownTimeZone => [new FieldName("time zone"), "Mars/Olympus"],
        RuleCode.RoomCapacity => [new FieldName("capacity"), 0],
        RuleCode.RoundDuration => [new FieldName("duration"), 5, 4, 300],
        RuleCode.TagTooLong => [new FieldName("tags"), 30, "very long tag"],
        RuleCode.SlugTaken => [new FieldName("slug"), "runaways-2025"],
        RuleCode.RoomNameTaken => ["Room Three"],
        RuleCode.RoundsOverlap => [new TimeOnly(19, 30), 45, 1, new TimeOnly(19, 0), new TimeOnly(19, 45)],
        RuleCode.PhaseCannotGoBack => [EventPhase.Live, EventPhase.Marketplace],
        RuleCode.OnlyOrganizerCannotLeave => ["Runaways Evening"],
        RuleCode.CardWithdrawnCannotBePlaced or RuleCode.CardDeleted => [Title],
        RuleCode.SlotTaken or RuleCode.SlotGivenBack => [Slot],
        RuleCode.SlotTakenBy => [Slot, Name],
        RuleCode.CardAlreadyPlaced => [Title, Slot],
        RuleCode.CardAlreadyScheduled => [Title],
        RuleCode.InputFormatCharacter or RuleCode.InputNeedsLetterOrDigit => [new FieldName("display name")],
        RuleCode.InputTooManyMarks => [new FieldName("tags"), 4],
        RuleCode.ExtensionOutOfRange => [new FieldName("extension"), 60],
        RuleCode.ModeratorBusy or RuleCode.AuthorBusy => [Slot, 2],
        RuleCode.TooManyCoreSolvers => [6],
        RuleCode.RoomSmallerThanOffers => ["Room 3", 8, 11],
        RuleCode.RoomTooSmallForSeats => ["Room 3", 8, 11],
        RuleCode.SeatInSameRound => [Title],
        RuleCode.LimitOutOfRange => [new FieldName("guests per hour"), 1, Event.MaxGuestsPerHour],
        RuleCode.JoiningClosed or RuleCode.RemovedFromEvent => ["Runaways Evening"],
        RuleCode.JoinLimitReached => [200, 37],
        RuleCode.CardLimitReached => [5],
        RuleCode.ModeratorJustPlaced or RuleCode.AuthorJustPlaced => [2],
        RuleCode.PostingTooFast or RuleCode.ContactRequestsTooFast => [17],
        RuleCode.BoardChanged => [new List<RuleMessage>
        {
            new SlotTakenException(Slot, Name).ToRuleMessage(),
            new(RuleCode.CardDeleted, "(English)", Title),
        }],
        RuleCode.NeedsRoomsAndRounds or RuleCode.NotJoined or RuleCode.NeedsAnOrganizer or RuleCode.NoSuchRoom or
            RuleCode.NoSuchRound or RuleCode.ClaimsClosedArchived or
            RuleCode.ClaimsNotOpenYet or RuleCode.CardOfAnotherEvent or RuleCode.OnlyModeratorsClaim or
            RuleCode.SessionNotHoldingSlot or RuleCode.AlreadyReserved or RuleCode.AlreadyReleased or
            RuleCode.NoSeatToCancel or RuleCode.SeatChangedConcurrently or RuleCode.TimerAlreadyStarted or RuleCode.TimerNotRunning or
            RuleCode.TimerNotPaused or RuleCode.TimerEndedNoExtension or RuleCode.TimerAlreadyEnded or RuleCode.RecordEditedElsewhere or
            RuleCode.EventArchived or RuleCode.MarketplaceNotOpen or RuleCode.WithdrawnCannotBeEdited or
            RuleCode.AlreadyWithdrawn or RuleCode.ScheduledCannotBeWithdrawn or RuleCode.WithdrawnTakesNoOffers or
            RuleCode.NotOnOwnCard or RuleCode.NoOffer or RuleCode.CardEditedElsewhere or RuleCode.OnlyAuthorPicks or
            RuleCode.CoreNeedsCanHelp or RuleCode.NoSuchOffer or RuleCode.AccountDeleted or RuleCode.NotYourself or
            RuleCode.NotYourRequest or RuleCode.RequestClosed or RuleCode.DeclineInstead or RuleCode.OnlyRecipient or
            RuleCode.AlreadyAnswered or RuleCode.ChangedConcurrently or RuleCode.AlreadyOffered or
            RuleCode.RoundStartTaken or RuleCode.CardJustPlaced or RuleCode.NoSuchEvent or RuleCode.NotAMember or
            RuleCode.OnlyOrganizers or RuleCode.NoSuchCard or RuleCode.NotYourCard or RuleCode.CardNotOnBoard or
            RuleCode.NoSuchSession or RuleCode.OnlySessionModeratorReleases or RuleCode.NoSuchPerson or
            RuleCode.NotInCommonEvent or RuleCode.NoSuchRecipient or RuleCode.NoChannels or RuleCode.ContactAlreadyOpen or
            RuleCode.AlreadyAskedYou or RuleCode.AlreadyExchanged or RuleCode.NoSuchRequest or
            RuleCode.ChooseCardsOnDelete or RuleCode.InvalidJoinLink or RuleCode.JoinFailed or
            RuleCode.OnlyOrganizersPlan or RuleCode.PlanImpossible or RuleCode.StoreUnavailable or RuleCode.PlanAlreadyRunning or
                RuleCode.OrganizerCannotBeRemoved or RuleCode.ClaimOnlyForYourself or RuleCode.OnlySessionModeratorMoves or
                RuleCode.NoSeatToSwitch or RuleCode.OnlySessionModeratorRunsTimer or RuleCode.OnlySessionModeratorEditsRecord or
                RuleCode.SessionGaveSlotBack => [],
            RuleCode.RecordNamesWithoutConsent => ["Mina, Dahye"],
            RuleCode.OnlyParticipantsRate or RuleCode.FeedbackBeforeEnd or RuleCode.OnlyHaverGivesKudos or
                RuleCode.KudosOnlyForParticipants or RuleCode.KudosBeforeEnd or RuleCode.KudosNotToYourself => [],
            RuleCode.RatingOutOfRange => [1, 5],
            RuleCode.LocalTimeSkipped => [new DateOnly(2026, 3, 29), new TimeOnly(2, 30), "Europe/Berlin"],
            RuleCode.GridChangeUnresolved => [2, "Room 3 · Round 1, Room 3 · Round 2"],
            RuleCode.MoveIntoChangedSlot => [Slot],
            RuleCode.ReleasedSessionHasRecord => [Title],
            RuleCode.TemplateNeedsEmptyEvent or RuleCode.ArchivedGridFixed or RuleCode.OnlyAdministratorsCreateEvents => [],
            RuleCode.OnlySessionPeopleStartFollowUp or RuleCode.FollowUpNeedsInvitees or RuleCode.FollowUpOnlyForParticipants or
                RuleCode.FollowUpTimeNotProposed or RuleCode.FollowUpPickATime or RuleCode.OnlyStarterChoosesTime or
                RuleCode.NotInvitedToFollowUp or RuleCode.NoSuchFollowUp or RuleCode.RetentionNeedsArchive or
                RuleCode.PersonalDataAlreadyErased => [],
            RuleCode.FollowUpLinkInvalid => [new FieldName("link")],
            RuleCode.FollowUpNeedsPlace => [new FieldName("place")],
            RuleCode.FollowUpTimeInPast => [new FieldName("times")],
            RuleCode.FollowUpLengthOutOfRange => [new FieldName("minutes"), 15, 480],
            RuleCode.FollowUpNeedsTimes => [new FieldName("times"), 5],
            RuleCode.RetentionOutOfRange => [new FieldName("days"), 3650],
            RuleCode.RecordHasContactDetails => ["mina@example.com, 010-1234-5678"],
        _ => throw new InvalidOperationException($"{code} needs sample arguments in {nameof(RuleTextTests)}."),
    };

    // The message with every argument's own text taken out (names and titles people typed may be English).
    private static string Without(string text, IStringLocalizer localizer, object[] arguments)
    {
        foreach (var argument in arguments.SelectMany(Parts))
        {
            text = text.Replace(RuleText.Format(localizer, argument), " ", StringComparison.Ordinal);
        }

        return text;
    }

    // A nested change list is checked by its parts: their translations are sentences, their arguments are data.
    private static IEnumerable<object> Parts(object argument) => argument switch
    {
        IEnumerable<RuleMessage> messages => messages.SelectMany(m => m.Arguments).SelectMany(Parts),
        SlotName slot => [slot.Room],
        _ => [argument],
    };

    /// <summary>The first run of two or more English words (letters only, separated by spaces), or null.</summary>
    private static string? EnglishSentence(string text) => EnglishWords().Match(text) is { Success: true } match ? match.Value : null;

    [GeneratedRegex(@"[A-Za-z]+(?:[ \t]+[A-Za-z]+)+")]
    private static partial Regex EnglishWords();

    private static HashSet<string> KoreanKeys()
    {
        var korean = Localizer("ko");
        return [.. korean.GetAllStrings(includeParentCultures: false).Select(s => s.Name)];
    }

    private static DomainException Refusal(Action action)
    {
        try
        {
            action();
        }
        catch (DomainException ex)
        {
            return ex;
        }

        throw new InvalidOperationException("The domain accepted it; the test data is wrong.");
    }

    private static IStringLocalizer Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<RunawaysAlliance.Web.SharedResource>>();
    }
}
