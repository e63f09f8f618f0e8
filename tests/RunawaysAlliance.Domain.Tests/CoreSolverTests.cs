using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>The author picks up to six solvers who offered "I can help" as the ones they want at the table.</summary>
public class CoreSolverTests
{
    private static readonly DateTimeOffset Later = TestEvent.Now.AddMinutes(10);

    private readonly ProblemCard _card = TestCard.Create();

    [Fact]
    public void MakeOffer_NewOffer_IsNotCore()
    {
        var offer = _card.MakeOffer(Guid.NewGuid(), OfferKind.CanHelp, "Idea", TestEvent.Now);

        offer.IsCoreSolver.Should().BeFalse();
        _card.CoreSolverIds.Should().BeEmpty();
    }

    [Fact]
    public void MarkCoreSolver_AuthorPicksCanHelpOffer_IsCore()
    {
        var solver = Guid.NewGuid();
        var offer = _card.MakeOffer(solver, OfferKind.CanHelp, "Idea", TestEvent.Now);

        _card.MarkCoreSolver(_card.AuthorId, solver, true, Later);

        offer.IsCoreSolver.Should().BeTrue();
        offer.UpdatedAt.Should().Be(Later);
        _card.CoreSolverIds.Should().Equal(solver);
    }

    [Fact]
    public void MarkCoreSolver_AuthorUnpicks_IsNoLongerCore()
    {
        var solver = OfferHelp();
        _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);

        _card.MarkCoreSolver(_card.AuthorId, solver, false, Later);

        OfferOf(solver).IsCoreSolver.Should().BeFalse();
        OfferOf(solver).UpdatedAt.Should().Be(Later);
        _card.CoreSolverIds.Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MarkCoreSolver_NotTheAuthor_ThrowsAndChangesNothing(bool isCore)
    {
        var solver = OfferHelp();
        var otherSolver = OfferHelp();
        if (!isCore)
        {
            _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);
        }

        foreach (var caller in new[] { solver, otherSolver, Guid.NewGuid(), Guid.Empty })
        {
            var act = () => _card.MarkCoreSolver(caller, solver, isCore, Later);

            act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.OnlyAuthorPicks);
        }

        OfferOf(solver).IsCoreSolver.Should().Be(!isCore);
        OfferOf(solver).UpdatedAt.Should().Be(TestEvent.Now);
    }

    [Fact]
    public void MarkCoreSolver_CuriousOffer_ThrowsAndChangesNothing()
    {
        var listener = Guid.NewGuid();
        var offer = _card.MakeOffer(listener, OfferKind.Curious, "Same problem here", TestEvent.Now);

        var act = () => _card.MarkCoreSolver(_card.AuthorId, listener, true, Later);

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.CoreNeedsCanHelp);
        offer.IsCoreSolver.Should().BeFalse();
        offer.UpdatedAt.Should().Be(TestEvent.Now);
        _card.CoreSolverIds.Should().BeEmpty();
    }

    [Fact]
    public void MarkCoreSolver_UnpickCuriousOffer_IsANoOp()
    {
        var listener = Guid.NewGuid();
        var offer = _card.MakeOffer(listener, OfferKind.Curious, null, TestEvent.Now);

        _card.MarkCoreSolver(_card.AuthorId, listener, false, Later);

        offer.IsCoreSolver.Should().BeFalse();
        offer.UpdatedAt.Should().Be(TestEvent.Now);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MarkCoreSolver_NoOffer_Throws(bool isCore)
    {
        OfferHelp();

        var act = () => _card.MarkCoreSolver(_card.AuthorId, Guid.NewGuid(), isCore, Later);

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.NoSuchOffer);
    }

    [Fact]
    public void MarkCoreSolver_AfterTheOfferWasWithdrawn_Throws()
    {
        var solver = OfferHelp();
        _card.WithdrawOffer(solver);

        var act = () => _card.MarkCoreSolver(_card.AuthorId, solver, true, Later);

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.NoSuchOffer);
        _card.CoreSolverIds.Should().BeEmpty();
    }

    [Fact]
    public void MarkCoreSolver_PickedTwice_IsIdempotent()
    {
        var solver = OfferHelp();
        _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);

        _card.MarkCoreSolver(_card.AuthorId, solver, true, Later);

        _card.CoreSolverIds.Should().Equal(solver);
        OfferOf(solver).UpdatedAt.Should().Be(TestEvent.Now, "nothing changed the second time");
    }

    [Fact]
    public void MarkCoreSolver_UnpickNotPicked_IsIdempotent()
    {
        var solver = OfferHelp();

        _card.MarkCoreSolver(_card.AuthorId, solver, false, Later);

        OfferOf(solver).IsCoreSolver.Should().BeFalse();
        OfferOf(solver).UpdatedAt.Should().Be(TestEvent.Now);
    }

    [Fact]
    public void MarkCoreSolver_SixSolvers_AllPicked()
    {
        var solvers = PickSix();

        _card.CoreSolverIds.Should().BeEquivalentTo(solvers);
        _card.CoreSolverIds.Should().HaveCount(ProblemCard.MaxCoreSolvers);
        ProblemCard.MaxCoreSolvers.Should().Be(6);
    }

    [Fact]
    public void MarkCoreSolver_Seventh_ThrowsAndLeavesTheSix()
    {
        var six = PickSix();
        var seventh = OfferHelp();

        var act = () => _card.MarkCoreSolver(_card.AuthorId, seventh, true, Later);

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.TooManyCoreSolvers);
        OfferOf(seventh).IsCoreSolver.Should().BeFalse();
        OfferOf(seventh).UpdatedAt.Should().Be(TestEvent.Now);
        _card.CoreSolverIds.Should().BeEquivalentTo(six);
    }

    [Fact]
    public void MarkCoreSolver_OneOfSixPickedAgain_IsIdempotentNotTooMany()
    {
        var six = PickSix();

        var act = () => _card.MarkCoreSolver(_card.AuthorId, six[0], true, Later);

        act.Should().NotThrow();
        _card.CoreSolverIds.Should().BeEquivalentTo(six);
    }

    [Fact]
    public void MarkCoreSolver_UnpickOneOfSixThenPickTheSeventh_Works()
    {
        var six = PickSix();
        var seventh = OfferHelp();

        _card.MarkCoreSolver(_card.AuthorId, six[2], false, Later);
        _card.MarkCoreSolver(_card.AuthorId, seventh, true, Later);

        _card.CoreSolverIds.Should().BeEquivalentTo(six.Where((_, i) => i != 2).Append(seventh));
        var eighth = OfferHelp();
        var act = () => _card.MarkCoreSolver(_card.AuthorId, eighth, true, Later);
        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.TooManyCoreSolvers);
    }

    [Fact]
    public void MakeOffer_CoreSolverChangesToCurious_IsNoLongerCore()
    {
        var solver = OfferHelp();
        _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);

        var offer = _card.MakeOffer(solver, OfferKind.Curious, null, Later);

        offer.IsCoreSolver.Should().BeFalse();
        _card.CoreSolverIds.Should().BeEmpty();
    }

    [Fact]
    public void MakeOffer_CoreSolverChangesToCuriousAndBack_IsNotCoreAgain()
    {
        var solver = OfferHelp();
        _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);
        _card.MakeOffer(solver, OfferKind.Curious, null, Later);

        var offer = _card.MakeOffer(solver, OfferKind.CanHelp, "Back with an idea", Later.AddMinutes(1));

        offer.IsCoreSolver.Should().BeFalse("the author picks again");
    }

    [Fact]
    public void MakeOffer_CoreSolverChangesToCurious_GivesThePlaceBack()
    {
        var six = PickSix();
        var seventh = OfferHelp();

        _card.MakeOffer(six[0], OfferKind.Curious, null, Later);
        _card.MarkCoreSolver(_card.AuthorId, seventh, true, Later);

        _card.CoreSolverIds.Should().BeEquivalentTo(six.Skip(1).Append(seventh));
    }

    [Fact]
    public void MakeOffer_CoreSolverChangesTheirNote_StaysCore()
    {
        var solver = OfferHelp();
        _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);

        var offer = _card.MakeOffer(solver, OfferKind.CanHelp, "A better idea", Later);

        offer.IsCoreSolver.Should().BeTrue();
        offer.Note.Should().Be("A better idea");
    }

    [Fact]
    public void MakeOffer_CoreSolverRefusedChange_StaysCore()
    {
        var solver = OfferHelp();
        _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);

        var act = () => _card.MakeOffer(solver, OfferKind.Curious, "two\nlines", Later);

        act.Should().Throw<InvalidInputException>();
        OfferOf(solver).IsCoreSolver.Should().BeTrue();
        OfferOf(solver).Kind.Should().Be(OfferKind.CanHelp);
    }

    [Fact]
    public void WithdrawOffer_CoreSolver_LeavesCoreSolverIds()
    {
        var solver = OfferHelp();
        var other = OfferHelp();
        _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);
        _card.MarkCoreSolver(_card.AuthorId, other, true, TestEvent.Now);

        _card.WithdrawOffer(solver);

        _card.CoreSolverIds.Should().Equal(other);
    }

    [Fact]
    public void WithdrawOffer_CoreSolverOfSix_GivesThePlaceBackAndANewOfferIsNotCore()
    {
        var six = PickSix();
        _card.WithdrawOffer(six[5]);
        var seventh = OfferHelp();

        _card.MarkCoreSolver(_card.AuthorId, seventh, true, Later);
        var again = _card.MakeOffer(six[5], OfferKind.CanHelp, "I am back", Later);

        _card.CoreSolverIds.Should().BeEquivalentTo(six.Take(5).Append(seventh));
        again.IsCoreSolver.Should().BeFalse();
    }

    [Fact]
    public void WithdrawOffer_CoreSolverOnWithdrawnCard_RemovesTheOffer()
    {
        var solver = OfferHelp();
        _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);
        _card.Withdraw(Later);

        _card.WithdrawOffer(solver);

        _card.Offers.Should().BeEmpty();
        _card.CoreSolverIds.Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MarkCoreSolver_WithdrawnCard_ThrowsAndChangesNothing(bool isCore)
    {
        var solver = OfferHelp();
        if (!isCore)
        {
            _card.MarkCoreSolver(_card.AuthorId, solver, true, TestEvent.Now);
        }

        _card.Withdraw(Later);

        var act = () => _card.MarkCoreSolver(_card.AuthorId, solver, isCore, Later.AddMinutes(1));

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.WithdrawnCannotBeEdited);
        OfferOf(solver).IsCoreSolver.Should().Be(!isCore);
    }

    [Fact]
    public void CoreSolverIds_OnlyPickedSolvers()
    {
        var picked = OfferHelp();
        OfferHelp();
        _card.MakeOffer(Guid.NewGuid(), OfferKind.Curious, null, TestEvent.Now);

        _card.MarkCoreSolver(_card.AuthorId, picked, true, Later);

        _card.CoreSolverIds.Should().Equal(picked);
        _card.Offers.Count(o => o.IsCoreSolver).Should().Be(1);
    }

    private Guid OfferHelp()
    {
        var solver = Guid.NewGuid();
        _card.MakeOffer(solver, OfferKind.CanHelp, "I can help with this", TestEvent.Now);
        return solver;
    }

    private List<Guid> PickSix()
    {
        var solvers = Enumerable.Range(0, ProblemCard.MaxCoreSolvers).Select(_ => OfferHelp()).ToList();
        solvers.ForEach(s => _card.MarkCoreSolver(_card.AuthorId, s, true, TestEvent.Now));
        return solvers;
    }

    private Offer OfferOf(Guid solverId) => _card.Offers.Single(o => o.SolverId == solverId);
}
