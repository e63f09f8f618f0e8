using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// Two people changing one card at once: the revision a form started from and the row's version token refuse
/// a stale edit or withdrawal, a reloaded edit succeeds, and offers made meanwhile are no conflict.
/// </summary>
public abstract class CardEditStoreTests(IStoreFixture fixture)
{
    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

    [Fact]
    public async Task EditCard_TwoEditorsAtOnce_SecondGetsConcurrentEdit()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        var card1 = await grid.LoadCardAsync(first, 0);
        var card2 = await grid.LoadCardAsync(second, 0);
        card1.Edit(new CardContent("첫 번째 편집", "Problem", null, CardKind.NonCommercial, null, "ko"), TestGrid.Now.AddMinutes(1));
        card2.Edit(new CardContent("Second edit", "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now.AddMinutes(1));
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<ConcurrentEditException>();
        await using var read = Store.CreateContext();
        (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct)).Title.Should().Be("첫 번째 편집");
    }

    [Fact]
    public async Task EditCard_AfterReloadingTheWinnersChange_Succeeds()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        for (var i = 1; i <= 3; i++)
        {
            await using var db = Store.CreateContext();
            var card = await grid.LoadCardAsync(db, 0);
            card.Edit(new CardContent($"Edit {i}", "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now.AddMinutes(i));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct)).Title.Should().Be("Edit 3");
    }

    [Fact]
    public async Task EditCard_StaleRevisionAfterReload_DomainRefusesAndNothingIsSaved()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        int revisionSeenByB;
        await using (var b = Store.CreateContext())
        {
            revisionSeenByB = (await grid.LoadCardAsync(b, 0)).Revision;
        }

        await using (var a = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(a, 0);
            card.Edit(new CardContent("A's edit", "A's problem", null, CardKind.NonCommercial, ["a"], "en"), card.Revision, TestGrid.Now.AddMinutes(1));
            await a.SaveChangesAsync(Ct);
        }

        // B submits its form: like the service, it loads the card afresh and names the revision its form started from.
        await using (var b = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(b, 0);
            var edit = () => card.Edit(new CardContent("B's edit", "B's problem", null, CardKind.Commercial, ["b"], "ko"), revisionSeenByB, TestGrid.Now.AddMinutes(2));

            edit.Should().Throw<ConcurrentEditException>().WithMessage(CardMessages.EditedElsewhere);
            b.ChangeTracker.HasChanges().Should().BeFalse("a refused edit changes nothing");
            await b.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var stored = await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct);
        (stored.Title, stored.Problem, stored.Kind, stored.Language, stored.Revision).Should().Be(("A's edit", "A's problem", CardKind.NonCommercial, "en", 2));
        stored.Tags.Should().Equal("a");
    }

    [Fact]
    public async Task WithdrawCard_StaleRevisionAfterReload_DomainRefusesAndCardStaysOpen()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        await using (var a = Store.CreateContext())
        {
            (await grid.LoadCardAsync(a, 0)).Edit(new CardContent("A's edit", "Problem", null, CardKind.NonCommercial, null, "en"), 1, TestGrid.Now);
            await a.SaveChangesAsync(Ct);
        }

        await using (var b = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(b, 0);
            var withdraw = () => card.Withdraw(TestGrid.Now.AddMinutes(1), expectedRevision: 1);

            withdraw.Should().Throw<ConcurrentEditException>().WithMessage(CardMessages.EditedElsewhere);
            await b.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var stored = await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct);
        (stored.Status, stored.Revision).Should().Be((CardStatus.Open, 2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EditCard_StaleCopyInSecondContext_VersionTokenRefusesTheSave(bool namesTheRevisionItLoaded)
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        await using var a = Store.CreateContext();
        await using var b = Store.CreateContext();
        var cardA = await grid.LoadCardAsync(a, 0);
        var cardB = await grid.LoadCardAsync(b, 0);
        cardA.Edit(new CardContent("A's edit", "Problem", null, CardKind.NonCommercial, null, "en"), cardA.Revision, TestGrid.Now.AddMinutes(1));
        await a.SaveChangesAsync(Ct);

        // B's copy still says revision 1, so the domain cannot see A's edit; the Version token must.
        cardB.Edit(
            new CardContent("B's edit", "Problem", null, CardKind.NonCommercial, null, "en"),
            namesTheRevisionItLoaded ? 1 : null,
            TestGrid.Now.AddMinutes(2));
        cardB.Revision.Should().Be(2);
        var save = () => b.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<ConcurrentEditException>().WithMessage("Someone else changed this at the same time*");
        await using var read = Store.CreateContext();
        var stored = await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct);
        (stored.Title, stored.Revision).Should().Be(("A's edit", 2));
    }

    [Fact]
    public async Task EditCard_AfterOffersFromAnotherContext_IsNotAConflict()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 2);
        await using var author = Store.CreateContext();
        var card = await grid.LoadCardAsync(author, 0);
        await using (var solver = Store.CreateContext())
        {
            var seen = await grid.LoadCardAsync(solver, 0);
            seen.MakeOffer(grid.ModeratorIds[0], OfferKind.CanHelp, "I ran a café", TestGrid.Now);
            seen.MakeOffer(grid.ModeratorIds[1], OfferKind.Curious, null, TestGrid.Now);
            await solver.SaveChangesAsync(Ct);
        }

        card.Edit(new CardContent("Edited while offers came in", "Problem", null, CardKind.NonCommercial, null, "en"), 1, TestGrid.Now.AddMinutes(1));
        var save = () => author.SaveChangesAsync(Ct);

        await save.Should().NotThrowAsync("offers change neither the revision nor the card's row");
        await using var read = Store.CreateContext();
        var stored = await grid.LoadCardAsync(read, 0);
        (stored.Title, stored.Revision).Should().Be(("Edited while offers came in", 2));
        stored.Offers.Should().HaveCount(2);
    }
}
