using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Tests;

public class OfferTests
{
    private readonly ProblemCard _card = TestCard.Create();
    private readonly Guid _solverId = Guid.NewGuid();

    [Fact]
    public void MakeOffer_CanHelpWithNote_RecordsOffer()
    {
        var offer = _card.MakeOffer(_solverId, OfferKind.CanHelp, "  I ran a volunteer programme for 5 years  ", TestEvent.Now);

        offer.Id.Should().NotBeEmpty();
        offer.CardId.Should().Be(_card.Id);
        offer.SolverId.Should().Be(_solverId);
        offer.Kind.Should().Be(OfferKind.CanHelp);
        offer.Note.Should().Be("I ran a volunteer programme for 5 years");
        offer.CreatedAt.Should().Be(TestEvent.Now);
        offer.UpdatedAt.Should().Be(TestEvent.Now);
        _card.Offers.Should().ContainSingle().Which.Should().BeSameAs(offer);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MakeOffer_CuriousWithoutNote_IsAcceptedWithEmptyNote(string? note)
    {
        var offer = _card.MakeOffer(_solverId, OfferKind.Curious, note, TestEvent.Now);

        offer.Kind.Should().Be(OfferKind.Curious);
        offer.Note.Should().BeEmpty();
    }

    [Fact]
    public void MakeOffer_CuriousWithNote_KeepsNote()
    {
        var offer = _card.MakeOffer(_solverId, OfferKind.Curious, "Same problem here", TestEvent.Now);

        offer.Note.Should().Be("Same problem here");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void MakeOffer_CanHelpWithoutNote_ThrowsAndRecordsNothing(string? note)
    {
        var act = () => _card.MakeOffer(_solverId, OfferKind.CanHelp, note, TestEvent.Now);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("*in one line how you can help*")
            .Which.Field.Should().Be("note");
        _card.Offers.Should().BeEmpty();
    }

    [Theory]
    [InlineData("first line\nsecond line")]
    [InlineData("first line\r\nsecond line")]
    [InlineData("first line\rsecond line")]
    [InlineData("first line\u2028second line")]
    [InlineData("first line\u2029second line")]
    [InlineData("first line\u0085second line")]
    public void MakeOffer_MultiLineNote_ThrowsAndRecordsNothing(string note)
    {
        var act = () => _card.MakeOffer(_solverId, OfferKind.CanHelp, note, TestEvent.Now);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Keep the note to one line.")
            .Which.Field.Should().Be("note");
        _card.Offers.Should().BeEmpty();
    }

    [Fact]
    public void MakeOffer_MultiLineNoteWhenCurious_Throws()
    {
        var act = () => _card.MakeOffer(_solverId, OfferKind.Curious, "a\nb", TestEvent.Now);

        act.Should().Throw<InvalidInputException>().WithMessage("*one line*");
    }

    [Fact]
    public void MakeOffer_NoteWithTrailingNewline_IsTrimmedToOneLine()
    {
        var offer = _card.MakeOffer(_solverId, OfferKind.CanHelp, "I can help\n", TestEvent.Now);

        offer.Note.Should().Be("I can help");
    }

    [Theory]
    [InlineData("n")]
    [InlineData("도")]
    [InlineData("🙌")]
    public void MakeOffer_NoteOf140Characters_IsAcceptedAnd141Rejected(string element)
    {
        var atLimit = string.Concat(Enumerable.Repeat(element, Offer.NoteMaxLength));

        _card.MakeOffer(_solverId, OfferKind.CanHelp, atLimit, TestEvent.Now).Note.Should().Be(atLimit);
        var act = () => _card.MakeOffer(Guid.NewGuid(), OfferKind.CanHelp, atLimit + element, TestEvent.Now);
        act.Should().Throw<InvalidInputException>()
            .WithMessage("Note can be at most 140 characters (it has 141).")
            .Which.Field.Should().Be("note");
        _card.Offers.Should().ContainSingle();
    }

    [Fact]
    public void MakeOffer_UndefinedKind_ThrowsInvalidInput()
    {
        var act = () => _card.MakeOffer(_solverId, (OfferKind)9, "note", TestEvent.Now);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("*\"I can help\" or \"curious\"*")
            .Which.Field.Should().Be("kind");
        _card.Offers.Should().BeEmpty();
    }

    [Fact]
    public void MakeOffer_OnOwnCard_Throws()
    {
        var act = () => _card.MakeOffer(_card.AuthorId, OfferKind.CanHelp, "I know this one", TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*own card*");
        _card.Offers.Should().BeEmpty();
    }

    [Fact]
    public void MakeOffer_CuriousOnOwnCard_Throws()
    {
        var act = () => _card.MakeOffer(_card.AuthorId, OfferKind.Curious, null, TestEvent.Now);

        act.Should().Throw<RuleViolationException>();
    }

    [Fact]
    public void MakeOffer_OnWithdrawnCard_Throws()
    {
        _card.Withdraw(TestEvent.Now);

        var act = () => _card.MakeOffer(_solverId, OfferKind.CanHelp, "I can help", TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*withdrawn*no longer takes offers*");
        _card.Offers.Should().BeEmpty();
    }

    [Fact]
    public void MakeOffer_SameSolverAgain_ChangesTheOneOffer()
    {
        var first = _card.MakeOffer(_solverId, OfferKind.Curious, null, TestEvent.Now);
        var later = TestEvent.Now.AddMinutes(3);

        var second = _card.MakeOffer(_solverId, OfferKind.CanHelp, "Actually I can help: HR background", later);

        second.Should().BeSameAs(first);
        _card.Offers.Should().ContainSingle();
        second.Kind.Should().Be(OfferKind.CanHelp);
        second.Note.Should().Be("Actually I can help: HR background");
        second.CreatedAt.Should().Be(TestEvent.Now);
        second.UpdatedAt.Should().Be(later);
    }

    [Fact]
    public void MakeOffer_InvalidChangeToExistingOffer_KeepsTheOfferAsItWas()
    {
        var offer = _card.MakeOffer(_solverId, OfferKind.Curious, "Listening", TestEvent.Now);

        var act = () => _card.MakeOffer(_solverId, OfferKind.CanHelp, "   ", TestEvent.Now.AddMinutes(1));

        act.Should().Throw<InvalidInputException>();
        offer.Kind.Should().Be(OfferKind.Curious);
        offer.Note.Should().Be("Listening");
        offer.UpdatedAt.Should().Be(TestEvent.Now);
        _card.Offers.Should().ContainSingle();
    }

    [Fact]
    public void MakeOffer_DifferentSolvers_EachHaveAnOffer()
    {
        var other = Guid.NewGuid();

        _card.MakeOffer(_solverId, OfferKind.CanHelp, "Idea", TestEvent.Now);
        _card.MakeOffer(other, OfferKind.Curious, null, TestEvent.Now);

        _card.Offers.Select(o => o.SolverId).Should().BeEquivalentTo([_solverId, other]);
    }

    [Fact]
    public void WithdrawOffer_Existing_RemovesOnlyThatOffer()
    {
        var other = Guid.NewGuid();
        _card.MakeOffer(_solverId, OfferKind.CanHelp, "Idea", TestEvent.Now);
        _card.MakeOffer(other, OfferKind.Curious, null, TestEvent.Now);

        _card.WithdrawOffer(_solverId);

        _card.Offers.Should().ContainSingle().Which.SolverId.Should().Be(other);
    }

    [Fact]
    public void WithdrawOffer_ThenOfferAgain_CreatesNewOffer()
    {
        var first = _card.MakeOffer(_solverId, OfferKind.CanHelp, "Idea", TestEvent.Now);
        _card.WithdrawOffer(_solverId);

        var again = _card.MakeOffer(_solverId, OfferKind.Curious, null, TestEvent.Now);

        again.Should().NotBeSameAs(first);
        again.Id.Should().NotBe(first.Id);
        _card.Offers.Should().ContainSingle().Which.Should().BeSameAs(again);
    }

    [Fact]
    public void WithdrawOffer_NoOffer_Throws()
    {
        var act = () => _card.WithdrawOffer(_solverId);

        act.Should().Throw<RuleViolationException>().WithMessage("*no offer on this card*");
    }

    [Fact]
    public void WithdrawOffer_Twice_Throws()
    {
        _card.MakeOffer(_solverId, OfferKind.CanHelp, "Idea", TestEvent.Now);
        _card.WithdrawOffer(_solverId);

        var act = () => _card.WithdrawOffer(_solverId);

        act.Should().Throw<RuleViolationException>();
        _card.Offers.Should().BeEmpty();
    }

    [Theory]
    [InlineData(OfferKind.CanHelp)]
    [InlineData(OfferKind.Curious)]
    public void MakeOffer_MultiLineNote_ProblemIsNotOneLine(OfferKind kind)
    {
        var act = () => _card.MakeOffer(_solverId, kind, "first\nsecond", TestEvent.Now);

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Field.Should().Be("note");
        error.Problem.Should().Be(InputProblem.NotOneLine);
        error.Limit.Should().BeNull();
    }

    [Fact]
    public void MakeOffer_CanHelpWithoutNote_ProblemIsRequired()
    {
        var act = () => _card.MakeOffer(_solverId, OfferKind.CanHelp, "  ", TestEvent.Now);

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Field.Should().Be("note");
        error.Problem.Should().Be(InputProblem.Required);
        error.Limit.Should().BeNull();
    }

    [Fact]
    public void MakeOffer_NoteOverLimit_ProblemIsTooLongWithLimit()
    {
        var act = () => _card.MakeOffer(_solverId, OfferKind.CanHelp, new string('도', Offer.NoteMaxLength + 1), TestEvent.Now);

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(Offer.NoteMaxLength);
    }

    [Fact]
    public void MakeOffer_HtmlNote_StoredExactlyAsGiven()
    {
        const string note = "<script>alert('hi')</script> & <b>I can help</b>";

        _card.MakeOffer(_solverId, OfferKind.CanHelp, note, TestEvent.Now).Note.Should().Be(note);
    }
}
