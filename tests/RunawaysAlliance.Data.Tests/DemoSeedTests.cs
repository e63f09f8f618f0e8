using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// The demo event the embedded default seeds: created once, however often and by however many instances at
/// once the store is initialized.
/// </summary>
public abstract class DemoSeedTests(IStoreFixture fixture)
{
    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InitializeAsync_SeedDemoTwice_CreatesTheDemoEventOnce()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync(seedDemo: true);

        await store.Initializer.InitializeAsync(Ct);
        var first = await CountDemoAsync(store);
        await store.Initializer.InitializeAsync(Ct);

        (await CountDemoAsync(store)).Should().Be(first, "seeding again adds nothing");
        first.Should().Be((1, 14, 10, 5), "the demo has one event, 14 people, 10 cards and 5 placed sessions");

        await using var db = store.CreateContext();
        var evt = await db.Events.AsNoTracking()
            .Include(e => e.Rooms).Include(e => e.Rounds)
            .AsSplitQuery()
            .SingleAsync(e => e.Slug == DemoEvent.Slug, Ct);
        evt.Phase.Should().Be(EventPhase.Marketplace);
        evt.TimeZoneId.Should().Be("Asia/Seoul");
        evt.Rooms.Should().HaveCount(7);
        evt.Rooms.Count(r => r.Capacity == 35).Should().Be(1);
        evt.Rounds.Select(r => r.StartsAt).Should().Equal(
            new DateTimeOffset(2025, 12, 11, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 12, 11, 11, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 12, 11, 12, 0, 0, TimeSpan.Zero));
        evt.Rounds.Should().AllSatisfy(r => r.Duration.Should().Be(TimeSpan.FromMinutes(45)));
        var sessions = await db.ActiveSessionsOf(evt.Id).AsNoTracking().Include(s => s.Seats).Include(s => s.Reservations).ToListAsync(Ct);
        sessions.Should().HaveCount(5);
        sessions.Should().AllSatisfy(s => s.Seats.Taken.Should().Be(s.Reservations.Count(r => !r.IsWaitlisted)));
        var placedCards = await db.Cards.AsNoTracking().Where(c => c.EventId == evt.Id && c.SessionId != null).ToDictionaryAsync(c => c.Id, c => c.SessionId, Ct);
        placedCards.Should().BeEquivalentTo(sessions.ToDictionary(s => s.CardId, s => (Guid?)s.Id), "every placed card knows its session");

        var cards = await db.Cards.AsNoTracking().Include(c => c.Offers).Where(c => c.EventId == evt.Id).ToListAsync(Ct);
        cards.Should().HaveCount(10);
        cards.Count(c => Regex.IsMatch(c.Title, @"\p{IsHangulSyllables}")).Should().BeGreaterThan(0, "some demo cards are Korean");
        cards.SelectMany(c => c.Offers).Should().NotBeEmpty();
        (await store.CheckHealthAsync(Ct)).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task InitializeAsync_FourInstancesStartTogether_AllStartAndSeedOnce()
    {
        await using var first = await _fixture.CreateEmptyStoreAsync(seedDemo: true);
        var others = Enumerable.Range(0, 3).Select(_ => first.OpenAnother()).ToList();
        try
        {
            TestStore[] instances = [first, .. others];

            var startAll = () => Task.WhenAll(instances.Select(i => Task.Run(() => i.Initializer.InitializeAsync(Ct), Ct)));

            await startAll.Should().NotThrowAsync("several instances may start together on one database");
            (await CountDemoAsync(first)).Should().Be((1, 14, 10, 5));
        }
        finally
        {
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }
    }

    private static async Task<(int Events, int People, int Cards, int Sessions)> CountDemoAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        return (
            await db.Events.CountAsync(Ct),
            await db.People.CountAsync(Ct),
            await db.Cards.CountAsync(Ct),
            await db.Sessions.CountAsync(Ct));
    }
}
