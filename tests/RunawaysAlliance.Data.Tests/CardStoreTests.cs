using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// Problem cards and their offers stored: Hangul, emoji and tags round trip exactly, text the store cannot hold
/// is refused by the domain (never a store error), one offer per solver, revisions and core solvers, and the
/// column defaults that rows written before revisions get.
/// </summary>
public abstract class CardStoreTests(IStoreFixture fixture)
{
    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

    [Fact]
    public async Task SaveCard_HangulEmojiTagsAndOffers_RoundTripsExactly()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 2);
        var card = new ProblemCard(Guid.NewGuid(), grid.EventId, grid.HaverIds[0],
            new CardContent(
                "작은 카페 ☕ 단골 늘리기 🚀👩🏽‍💻",
                "동네 카페를 2년째 운영 중입니다.\n두 번째 줄 😀",
                "멤버십 경험 🙏",
                CardKind.Commercial,
                ["#마케팅", "동네 카페", "Coffee", "🇰🇷"],
                "ko-KR"),
            TestGrid.Now);
        card.MakeOffer(grid.ModeratorIds[0], OfferKind.CanHelp, "제가 도와드릴게요 👍", TestGrid.Now.AddMinutes(1));
        card.MakeOffer(grid.ModeratorIds[1], OfferKind.Curious, null, TestGrid.Now.AddMinutes(2));
        await using (var db = Store.CreateContext())
        {
            db.Cards.Add(card);
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var loaded = await read.Cards.AsNoTracking().Include(c => c.Offers).SingleAsync(c => c.Id == card.Id, Ct);

        loaded.Should().BeEquivalentTo(card);
        loaded.Title.Should().Be("작은 카페 ☕ 단골 늘리기 🚀👩🏽‍💻");
        loaded.Tags.Should().Equal("마케팅", "동네-카페", "coffee", "🇰🇷");
        loaded.Language.Should().Be("ko-kr");
        loaded.Offers.Should().HaveCount(2);
        loaded.Offers.Single(o => o.SolverId == grid.ModeratorIds[0]).Note.Should().Be("제가 도와드릴게요 👍");
        loaded.Offers.Single(o => o.SolverId == grid.ModeratorIds[1]).Kind.Should().Be(OfferKind.Curious);
        (await read.Cards.CountAsync(c => c.EventId == grid.EventId && c.Title.Contains("단골"), Ct)).Should().Be(1, "Hangul is searchable");
    }

    [Fact]
    public async Task SaveCard_LongestTitleTheDomainAccepts_IsKeptOrRefusedWithAMessage()
    {
        // 120 characters as a person sees them, but each family emoji is 7 code points (11 UTF-16 units).
        var title = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", ProblemCard.TitleMaxLength));
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var cardId = Guid.NewGuid();

        var post = async () =>
        {
            await using var db = Store.CreateContext();
            db.Cards.Add(new ProblemCard(cardId, grid.EventId, grid.HaverIds[0],
                new CardContent(title, "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now));
            await db.SaveChangesAsync(Ct);
        };

        // Either the domain refuses the title with a message the haver can act on, or the store keeps it
        // whole; a store error (an error page) is never acceptable.
        var refusal = await Record.ExceptionAsync(post);
        (refusal is null or DomainException).Should().BeTrue("the title must be kept or refused by the domain, but saving threw {0}", refusal);
        if (refusal is null)
        {
            await using var read = Store.CreateContext();
            (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == cardId, Ct)).Title.Should().Be(title);
        }
    }

    [Fact]
    public async Task MakeOffer_SameSolverFromTwoContexts_SecondIsRuleViolation()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var solver = grid.ModeratorIds[0];
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        (await grid.LoadCardAsync(first, 0)).MakeOffer(solver, OfferKind.CanHelp, "I ran a café", TestGrid.Now);
        (await grid.LoadCardAsync(second, 0)).MakeOffer(solver, OfferKind.Curious, null, TestGrid.Now);
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<RuleViolationException>().WithMessage("You already responded to this card*");
        await using var read = Store.CreateContext();
        (await grid.LoadCardAsync(read, 0)).Offers.Should().ContainSingle().Which.Kind.Should().Be(OfferKind.CanHelp);
    }

    [Fact]
    public async Task SaveCard_RevisionAndCoreSolvers_RoundTrip()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 3);
        var (core, helper, listener) = (grid.ModeratorIds[0], grid.ModeratorIds[1], grid.ModeratorIds[2]);
        await using (var db = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(db, 0);
            card.Revision.Should().Be(1, "a new card is stored as revision 1");
            card.Edit(new CardContent("Second", "Problem", null, CardKind.NonCommercial, null, "en"), 1, TestGrid.Now.AddMinutes(1));
            card.Edit(new CardContent("Third", "Problem", null, CardKind.NonCommercial, null, "en"), 2, TestGrid.Now.AddMinutes(2));
            card.MakeOffer(core, OfferKind.CanHelp, "I ran a café", TestGrid.Now.AddMinutes(3));
            card.MakeOffer(helper, OfferKind.CanHelp, "I did marketing", TestGrid.Now.AddMinutes(3));
            card.MakeOffer(listener, OfferKind.Curious, null, TestGrid.Now.AddMinutes(3));
            card.MarkCoreSolver(card.AuthorId, core, true, TestGrid.Now.AddMinutes(4));
            await db.SaveChangesAsync(Ct);
        }

        await using (var read = Store.CreateContext())
        {
            var loaded = await read.Cards.AsNoTracking().Include(c => c.Offers).SingleAsync(c => c.Id == grid.CardIds[0], Ct);
            loaded.Revision.Should().Be(3);
            loaded.Offers.ToDictionary(o => o.SolverId, o => o.IsCoreSolver).Should().Equal(new Dictionary<Guid, bool>
            {
                [core] = true,
                [helper] = false,
                [listener] = false,
            });
            loaded.CoreSolverIds.Should().Equal(core);
            loaded.Offers.Single(o => o.SolverId == core).UpdatedAt.Should().Be(TestGrid.Now.AddMinutes(4));
        }

        // Picking and unpicking later is stored too, and changes neither the revision nor the card's version.
        await using (var db = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(db, 0);
            card.MarkCoreSolver(card.AuthorId, core, false, TestGrid.Now.AddMinutes(5));
            card.MarkCoreSolver(card.AuthorId, helper, true, TestGrid.Now.AddMinutes(5));
            await db.SaveChangesAsync(Ct);
        }

        await using var again = Store.CreateContext();
        var reloaded = await grid.LoadCardAsync(again, 0);
        reloaded.CoreSolverIds.Should().Equal(helper);
        reloaded.Revision.Should().Be(3);
    }

    [Fact]
    public async Task ColumnDefaults_RowsWrittenWithoutRevisionOrCoreFlag_AreRevisionOneAndNotCore()
    {
        // Rows written before the Marketplace migration have no Revision or IsCoreSolver: the column defaults
        // must make them revision 1 (so that the first edit's expected revision matches) and not core.
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        Guid offerId;
        await using (var db = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(db, 0);
            card.Edit(new CardContent("Edited twice", "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now);
            card.Edit(new CardContent("Edited twice", "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now);
            offerId = card.MakeOffer(grid.ModeratorIds[0], OfferKind.CanHelp, "Idea", TestGrid.Now).Id;
            card.MarkCoreSolver(card.AuthorId, grid.ModeratorIds[0], true, TestGrid.Now);
            await db.SaveChangesAsync(Ct);
        }

        var oldCardId = Guid.NewGuid();
        var oldOfferId = Guid.NewGuid();
        await using (var db = Store.CreateContext())
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "Cards" ("Id", "EventId", "AuthorId", "Title", "Problem", "HelpWanted", "Kind", "Tags", "Language", "Status", "CreatedAt", "UpdatedAt", "Version")
                SELECT {oldCardId}, "EventId", "AuthorId", "Title", "Problem", "HelpWanted", "Kind", "Tags", "Language", "Status", "CreatedAt", "UpdatedAt", "Version"
                FROM "Cards" WHERE "Id" = {grid.CardIds[0]}
                """,
                Ct);
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "Offers" ("Id", "CardId", "SolverId", "Kind", "Note", "CreatedAt", "UpdatedAt")
                SELECT {oldOfferId}, {oldCardId}, "SolverId", "Kind", "Note", "CreatedAt", "UpdatedAt"
                FROM "Offers" WHERE "Id" = {offerId}
                """,
                Ct);
        }

        await using var read = Store.CreateContext();
        var old = await read.Cards.Include(c => c.Offers).SingleAsync(c => c.Id == oldCardId, Ct);
        old.Revision.Should().Be(1);
        old.Offers.Should().ContainSingle().Which.IsCoreSolver.Should().BeFalse();
        old.Edit(new CardContent("First edit since revisions", "Problem", null, CardKind.NonCommercial, null, "en"), 1, TestGrid.Now);
        await read.SaveChangesAsync(Ct);
        (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == oldCardId, Ct)).Revision.Should().Be(2);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("card")]
    public async Task SaveText_WithNulCharacter_IsKeptOrRefusedWithAMessage(string what)
    {
        // U+0000 arrives when people paste from a PDF; PostgreSQL text cannot hold it. The card refuses it with a
        // message, the draft drops it: never a store error.
        const string text = "pasted from a PDF\u0000with a NUL";
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);

        var save = async () =>
        {
            await using var db = Store.CreateContext();
            if (what == "draft")
            {
                var draft = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], Guid.Empty, 0, TestGrid.Now);
                draft.Update("Title", text, null, CardKind.NonCommercial, null, "en", TestGrid.Now);
                db.CardDrafts.Add(draft);
            }
            else
            {
                db.Cards.Add(new ProblemCard(Guid.NewGuid(), grid.EventId, grid.HaverIds[0],
                    new CardContent("Title", text, text, CardKind.NonCommercial, null, "en"), TestGrid.Now));
            }

            await db.SaveChangesAsync(Ct);
        };

        var refusal = await Record.ExceptionAsync(save);
        (refusal is null or DomainException).Should().BeTrue("the text must be kept or refused by the domain, but saving threw {0}", refusal);
        if (what == "draft")
        {
            refusal.Should().BeNull();
            await using var db = Store.CreateContext();
            (await db.CardDrafts.SingleAsync(d => d.AuthorId == grid.HaverIds[0], Ct)).Problem.Should().Be("pasted from a PDFwith a NUL");
        }
        else
        {
            refusal.Should().BeOfType<InvalidInputException>().Which.Field.Should().Be("problem");
        }
    }
}
