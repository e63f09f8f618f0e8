using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// Card drafts stored exactly as typed (whitespace, markup and all, up to the largest the domain allows), one
/// per author, event and card, and deleted with their author.
/// </summary>
public abstract class DraftStoreTests(IStoreFixture fixture)
{
    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

    [Fact]
    public async Task SaveDraft_TextAsTyped_RoundTripsExactly()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        const string title = "  작은 카페 ☕ 단골 늘리기 👨‍👩‍👧‍👦  ";
        const string problem = "\n  첫 줄입니다.\r\n<script>alert('x')</script>\n\n\t들여쓴 줄 🚀 \n";
        const string helpWanted = "<b>bold</b> & <img src=x onerror=\"alert(1)\"> 'single' \\ backslash %_ ";
        const string tags = " #마케팅,  동네 카페 , 🇰🇷 ";
        const string language = " KO-kr ";
        var draft = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], Guid.Empty, 0, TestGrid.Now);
        draft.Update(title, problem, helpWanted, CardKind.Commercial, tags, language, TestGrid.Now.AddMilliseconds(5));
        await using (var db = Store.CreateContext())
        {
            db.CardDrafts.Add(draft);
            await db.SaveChangesAsync(Ct);
        }

        await using (var read = Store.CreateContext())
        {
            var loaded = await read.CardDrafts.AsNoTracking().SingleAsync(d => d.Id == draft.Id, Ct);

            loaded.Should().BeEquivalentTo(draft);
            loaded.Title.Should().Be(title);
            loaded.Problem.Should().Be(problem);
            loaded.HelpWanted.Should().Be(helpWanted);
            loaded.Tags.Should().Be(tags);
            loaded.Language.Should().Be(language);
            loaded.Kind.Should().Be(CardKind.Commercial);
            loaded.IsForNewCard.Should().BeTrue();
            loaded.UpdatedAt.Should().Be(TestGrid.Now.AddMilliseconds(5));
        }

        // A later save of the same draft replaces the text, again exactly.
        await using (var db = Store.CreateContext())
        {
            var stored = await db.CardDrafts.SingleAsync(d => d.Id == draft.Id, Ct);
            stored.Update(" 다시 ", null, "   ", CardKind.NonCommercial, "", "\n", TestGrid.Now.AddMinutes(1));
            await db.SaveChangesAsync(Ct);
        }

        await using var again = Store.CreateContext();
        var updated = await again.CardDrafts.AsNoTracking().SingleAsync(d => d.Id == draft.Id, Ct);
        (updated.Title, updated.Problem, updated.HelpWanted, updated.Kind, updated.Tags, updated.Language)
            .Should().Be((" 다시 ", string.Empty, "   ", CardKind.NonCommercial, string.Empty, "\n"));
        updated.CreatedAt.Should().Be(TestGrid.Now);
        updated.UpdatedAt.Should().Be(TestGrid.Now.AddMinutes(1));
    }

    [Fact]
    public async Task SaveDraft_LargestDraftTheDomainAllows_RoundTripsExactly()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        static string Fill(string unit, int limit) =>
            string.Concat(Enumerable.Repeat(unit, limit * 2 * Guard.MaxUnitsPerCharacter / unit.Length));
        var draft = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], grid.CardIds[0], 1, TestGrid.Now);
        draft.Update(
            Fill("🚀", ProblemCard.TitleMaxLength),
            Fill("문", ProblemCard.ProblemMaxLength),
            Fill("h", ProblemCard.HelpWantedMaxLength),
            CardKind.NonCommercial,
            Fill("#", ProblemCard.TagMaxLength * ProblemCard.MaxTags),
            Fill("가", 35),
            TestGrid.Now);
        await using (var db = Store.CreateContext())
        {
            db.CardDrafts.Add(draft);
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        (await read.CardDrafts.AsNoTracking().SingleAsync(d => d.Id == draft.Id, Ct)).Should().BeEquivalentTo(draft);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SaveDraft_SameAuthorEventAndCardTwice_ViolatesTheUniqueIndex(bool forNewCard)
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var cardId = forNewCard ? Guid.Empty : grid.CardIds[0];
        var first = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], cardId, 1, TestGrid.Now);
        first.Update("First tab", null, null, CardKind.NonCommercial, null, null, TestGrid.Now);
        await using (var db = Store.CreateContext())
        {
            db.CardDrafts.Add(first);
            await db.SaveChangesAsync(Ct);
        }

        await using var other = Store.CreateContext();
        var second = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], cardId, 1, TestGrid.Now.AddSeconds(1));
        second.Update("Second tab", null, null, CardKind.NonCommercial, null, null, TestGrid.Now.AddSeconds(1));
        other.CardDrafts.Add(second);

        var save = () => other.SaveChangesAsync(Ct);

        // Not translated into a domain message: the draft service retries on it and updates the winner's draft.
        var refusal = (await save.Should().ThrowAsync<DbUpdateException>()).Which;
        StoreErrors.IsUniqueViolation(refusal).Should().BeTrue("{0}", refusal.InnerException?.Message);
        await using var read = Store.CreateContext();
        (await read.CardDrafts.AsNoTracking().Where(d => d.AuthorId == grid.HaverIds[0] && d.EventId == grid.EventId).ToListAsync(Ct))
            .Should().ContainSingle().Which.Title.Should().Be("First tab");
    }

    [Fact]
    public async Task SaveDraft_ForNewCardAndForExistingCards_Coexist()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 2, havers: 2, moderators: 1);
        var (author, otherAuthor) = (grid.HaverIds[0], grid.HaverIds[1]);
        var otherEvent = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        CardDraft Draft(Guid eventId, Guid authorId, Guid cardId, string title)
        {
            var draft = new CardDraft(Guid.NewGuid(), eventId, authorId, cardId, cardId == Guid.Empty ? 0 : 1, TestGrid.Now);
            draft.Update(title, null, null, CardKind.NonCommercial, null, null, TestGrid.Now);
            return draft;
        }

        await using (var db = Store.CreateContext())
        {
            db.CardDrafts.AddRange(
                Draft(grid.EventId, author, Guid.Empty, "new card"),
                Draft(grid.EventId, author, grid.CardIds[0], "edit of card 0"),
                Draft(grid.EventId, author, grid.CardIds[1], "edit of card 1"),
                Draft(grid.EventId, otherAuthor, Guid.Empty, "someone else's new card"),
                Draft(otherEvent.EventId, author, Guid.Empty, "new card in another event"));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var mine = await read.CardDrafts.AsNoTracking().Where(d => d.AuthorId == author && d.EventId == grid.EventId).ToListAsync(Ct);
        mine.ToDictionary(d => d.CardId, d => (d.Title, d.IsForNewCard)).Should().Equal(new Dictionary<Guid, (string, bool)>
        {
            [Guid.Empty] = ("new card", true),
            [grid.CardIds[0]] = ("edit of card 0", false),
            [grid.CardIds[1]] = ("edit of card 1", false),
        });
        (await read.CardDrafts.CountAsync(d => d.CardId == Guid.Empty && (d.EventId == grid.EventId || d.EventId == otherEvent.EventId), Ct))
            .Should().Be(3);
    }

    [Fact]
    public async Task DeletePerson_WithDrafts_DeletesTheirDrafts()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var typist = new Person(Guid.NewGuid(), "타자수", TestGrid.Now);
        var draft = new CardDraft(Guid.NewGuid(), grid.EventId, typist.Id, Guid.Empty, 0, TestGrid.Now);
        var othersDraft = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], Guid.Empty, 0, TestGrid.Now);
        await using (var db = Store.CreateContext())
        {
            db.People.Add(typist);
            db.CardDrafts.AddRange(draft, othersDraft);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Store.CreateContext())
        {
            db.People.Remove(await db.People.SingleAsync(p => p.Id == typist.Id, Ct));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        (await read.CardDrafts.AsNoTracking().Where(d => d.EventId == grid.EventId).Select(d => d.Id).ToListAsync(Ct))
            .Should().Equal(othersDraft.Id);
    }
}
