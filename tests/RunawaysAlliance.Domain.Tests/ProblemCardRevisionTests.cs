using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>
/// A card's revision: 1 when posted, one more for each edit and for the withdrawal, never changed by offers;
/// an edit or a withdrawal that names another revision than the card's is refused and changes nothing.
/// </summary>
public class ProblemCardRevisionTests
{
    private static readonly DateTimeOffset Later = TestEvent.Now.AddMinutes(10);

    [Fact]
    public void Constructor_NewCard_HasRevisionOne()
    {
        TestCard.Create().Revision.Should().Be(1);
    }

    [Fact]
    public void Edit_WithoutExpectedRevision_AddsOneEachTime()
    {
        var card = TestCard.Create();

        card.Edit(TestCard.Content(title: "Second"), Later);
        card.Edit(TestCard.Content(title: "Third"), null, Later.AddMinutes(1));

        card.Revision.Should().Be(3);
        card.Title.Should().Be("Third");
    }

    [Fact]
    public void Edit_WithCurrentRevision_AppliesAndAddsOne()
    {
        var card = TestCard.Create();
        card.Edit(TestCard.Content(title: "Second"), 1, Later);

        card.Edit(TestCard.Content(title: "Third"), 2, Later.AddMinutes(1));

        card.Revision.Should().Be(3);
        card.Title.Should().Be("Third");
        card.UpdatedAt.Should().Be(Later.AddMinutes(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Edit_StaleOrUnknownRevision_ThrowsConcurrentEditAndChangesNothing(int expectedRevision)
    {
        var card = TestCard.Create();
        card.Edit(TestCard.Content(title: "Seen by the other tab", tags: ["before"]), Later);
        var before = StateOf(card);

        var act = () => card.Edit(
            new CardContent("Overwrite", "Another problem", "Other help", CardKind.Commercial, ["after"], "ko"),
            expectedRevision,
            Later.AddMinutes(5));

        act.Should().Throw<ConcurrentEditException>().WithMessage(CardMessages.EditedElsewhere);
        StateOf(card).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        card.Revision.Should().Be(2);
    }

    [Fact]
    public void Edit_TwoTabsFromTheSameRevision_SecondIsRefusedUntilItReloads()
    {
        var card = TestCard.Create();
        var seenByFirstTab = card.Revision;
        var seenBySecondTab = card.Revision;

        card.Edit(TestCard.Content(title: "First tab"), seenByFirstTab, Later);
        var second = () => card.Edit(TestCard.Content(title: "Second tab"), seenBySecondTab, Later.AddMinutes(1));

        second.Should().Throw<ConcurrentEditException>();
        card.Title.Should().Be("First tab");
        card.Edit(TestCard.Content(title: "Second tab"), card.Revision, Later.AddMinutes(2));
        card.Title.Should().Be("Second tab");
        card.Revision.Should().Be(3);
    }

    [Theory]
    [InlineData("blank title", "title")]
    [InlineData("two-line title", "title")]
    [InlineData("long title", "title")]
    [InlineData("blank problem", "problem")]
    [InlineData("long problem", "problem")]
    [InlineData("long help wanted", "help wanted")]
    [InlineData("unknown kind", "kind")]
    [InlineData("nine tags", "tags")]
    [InlineData("long tag", "tags")]
    [InlineData("bad language", "language")]
    public void Edit_InvalidInputWithCurrentRevision_LeavesEveryFieldAndRevisionUnchanged(string edit, string field)
    {
        var card = TestCard.Create(new CardContent("Original", "Original problem", "Original help", CardKind.Commercial, ["before"], "en"));
        var before = StateOf(card);
        // Every other field differs from the card too, so that a half-applied edit would show.
        var content = edit switch
        {
            "blank title" => TestCard.Content(title: "   "),
            "two-line title" => TestCard.Content(title: "two\nlines"),
            "long title" => TestCard.Content(title: new string('x', ProblemCard.TitleMaxLength + 1)),
            "blank problem" => TestCard.Content(problem: ""),
            "long problem" => TestCard.Content(problem: new string('p', ProblemCard.ProblemMaxLength + 1)),
            "long help wanted" => TestCard.Content(helpWanted: new string('h', ProblemCard.HelpWantedMaxLength + 1)),
            "unknown kind" => TestCard.Content(kind: (CardKind)5),
            "nine tags" => TestCard.Content(tags: [.. Enumerable.Range(1, ProblemCard.MaxTags + 1).Select(i => $"t{i}")]),
            "long tag" => TestCard.Content(tags: [new string('t', ProblemCard.TagMaxLength + 1)]),
            _ => TestCard.Content(language: "english"),
        };

        var act = () => card.Edit(content, 1, Later);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be(field);
        StateOf(card).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        card.Revision.Should().Be(1);
    }

    [Fact]
    public void Edit_WithdrawnCard_KeepsRevision()
    {
        var card = TestCard.Create();
        card.Withdraw(Later);

        var act = () => card.Edit(TestCard.Content(title: "Changed"), 2, Later.AddMinutes(1));

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.WithdrawnCannotBeEdited);
        card.Revision.Should().Be(2);
    }

    [Fact]
    public void Withdraw_OpenCard_AddsOneToRevision()
    {
        var card = TestCard.Create();
        card.Edit(TestCard.Content(title: "Second"), Later);

        card.Withdraw(Later.AddMinutes(1), expectedRevision: 2);

        card.Status.Should().Be(CardStatus.Withdrawn);
        card.Revision.Should().Be(3);
        card.UpdatedAt.Should().Be(Later.AddMinutes(1));
    }

    [Fact]
    public void Withdraw_StaleRevision_ThrowsConcurrentEditAndStaysOpen()
    {
        var card = TestCard.Create();
        card.Edit(TestCard.Content(title: "Edited in another tab"), Later);
        var before = StateOf(card);

        var act = () => card.Withdraw(Later.AddMinutes(1), expectedRevision: 1);

        act.Should().Throw<ConcurrentEditException>().WithMessage(CardMessages.EditedElsewhere);
        StateOf(card).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        card.Status.Should().Be(CardStatus.Open);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public void Withdraw_Scheduled_RefusedAndStaysOpen(int? expectedRevision)
    {
        var demo = TestEvent.Create();
        var card = demo.NewCard();
        demo.Claim(card, room: 1, round: 1, demo.NewModerator());
        var before = StateOf(card);

        var act = () => card.Withdraw(Later, expectedRevision);

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.ScheduledCannotBeWithdrawn);
        StateOf(card).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        card.Status.Should().Be(CardStatus.Open);
    }

    [Fact]
    public void Withdraw_AfterItsSessionGaveTheSlotBack_IsAllowed()
    {
        var demo = TestEvent.Create();
        var card = demo.NewCard();
        var session = demo.Claim(card, room: 1, round: 1, demo.NewModerator());
        demo.Release(session.Id, Later);

        card.Withdraw(Later);

        card.Status.Should().Be(CardStatus.Withdrawn);
    }

    [Fact]
    public void Withdraw_AlreadyWithdrawn_KeepsRevision()
    {
        var card = TestCard.Create();
        card.Withdraw(Later);

        var act = () => card.Withdraw(Later.AddMinutes(1));

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.AlreadyWithdrawn);
        card.Revision.Should().Be(2);
    }

    [Fact]
    public void Offers_MadeChangedPickedAndWithdrawn_NeverChangeRevision()
    {
        var card = TestCard.Create();
        card.Edit(TestCard.Content(title: "Second"), Later);
        var solver = Guid.NewGuid();
        var listener = Guid.NewGuid();

        card.MakeOffer(solver, OfferKind.CanHelp, "I ran a volunteer programme", Later);
        card.MakeOffer(listener, OfferKind.Curious, null, Later);
        card.MakeOffer(solver, OfferKind.CanHelp, "I ran two volunteer programmes", Later.AddMinutes(1));
        card.MarkCoreSolver(card.AuthorId, solver, true, Later.AddMinutes(2));
        card.MarkCoreSolver(card.AuthorId, solver, false, Later.AddMinutes(3));
        card.MakeOffer(listener, OfferKind.CanHelp, "Actually I can help", Later.AddMinutes(4));
        card.WithdrawOffer(solver);

        card.Revision.Should().Be(2);
        card.Edit(TestCard.Content(title: "Third"), 2, Later.AddMinutes(5));
        card.Revision.Should().Be(3, "an edit started before the offers still matches");
    }

    [Fact]
    public void Offers_RefusedOffer_NeverChangesRevision()
    {
        var card = TestCard.Create();

        var act = () => card.MakeOffer(card.AuthorId, OfferKind.CanHelp, "My own idea", Later);

        act.Should().Throw<RuleViolationException>();
        card.Revision.Should().Be(1);
    }

    [Fact]
    public void WithdrawOffer_OnWithdrawnCard_RemovesTheOfferAndKeepsRevision()
    {
        var card = TestCard.Create();
        var solver = Guid.NewGuid();
        card.MakeOffer(solver, OfferKind.CanHelp, "Idea", TestEvent.Now);
        card.Withdraw(Later);

        card.WithdrawOffer(solver);

        card.Offers.Should().BeEmpty();
        card.Revision.Should().Be(2);
    }

    /// <summary>Everything an edit or a withdrawal could change, copied so that it can be compared later.</summary>
    private static object StateOf(ProblemCard card) => new
    {
        card.Id,
        card.EventId,
        card.AuthorId,
        card.Title,
        card.Problem,
        card.HelpWanted,
        card.Kind,
        Tags = card.Tags.ToArray(),
        card.Language,
        card.Status,
        card.CreatedAt,
        card.UpdatedAt,
        card.Revision,
        Offers = card.Offers.Select(o => (o.SolverId, o.Kind, o.Note, o.IsCoreSolver, o.UpdatedAt)).ToArray(),
    };
}
