using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// The real migrations on every provider: an empty database migrates to the current model, migrating again
/// changes nothing, and the health check reports what it finds without throwing.
/// </summary>
public abstract class MigrationTests(IStoreFixture fixture)
{
    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationAndReportsHealthy()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync();
        (await store.CheckHealthAsync(Ct)).Status.Should().Be(HealthStatus.Unhealthy, "nothing is migrated yet");

        await using var db = store.CreateContext();
        var all = db.Database.GetMigrations().ToList();
        all.Should().NotBeEmpty();
        (await db.Database.GetPendingMigrationsAsync(Ct)).Should().Equal(all);

        await db.Database.MigrateAsync(Ct);

        (await db.Database.GetAppliedMigrationsAsync(Ct)).Should().Equal(all);
        (await db.Database.GetPendingMigrationsAsync(Ct)).Should().BeEmpty();
        var report = await store.CheckHealthAsync(Ct);
        report.Status.Should().Be(HealthStatus.Healthy);
        report.Entries.Should().ContainKey("database").WhoseValue.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Migrate_SecondTime_IsANoOp()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync();
        await store.Initializer.InitializeAsync(Ct);
        var grid = await TestGrid.CreateAsync(store, cards: 1, moderators: 1);
        var historyRows = await CountMigrationHistoryAsync(store);

        await store.Initializer.InitializeAsync(Ct);
        await using (var db = store.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        (await CountMigrationHistoryAsync(store)).Should().Be(historyRows);
        await using (var db = store.CreateContext())
        {
            (await db.Events.AnyAsync(e => e.Id == grid.EventId, Ct)).Should().BeTrue("migrating again keeps the data");
        }

        (await store.CheckHealthAsync(Ct)).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task ContactSharingDefaultsNone_StoredPreTicks_AreClearedAndNothingElseChanges()
    {
        // Issue 18: every account started with all channels pre-ticked as "shared by default" (a value nobody chose);
        // the migration clears them so that one hurried tap shares nothing.
        await using var store = await _fixture.CreateEmptyStoreAsync();
        await using (var db = store.CreateContext())
        {
            var all = db.Database.GetMigrations().ToList();
            var clear = all.FindIndex(m => m.EndsWith("_ContactSharingDefaultsNone", StringComparison.Ordinal));
            clear.Should().BePositive();
            await db.GetService<IMigrator>().MigrateAsync(all[clear - 1], Ct);
        }

        var preTicked = Guid.CreateVersion7();
        var emailOnly = Guid.CreateVersion7();
        await using (var db = store.CreateContext())
        {
            // Written with SQL: the People table has the columns of the migration before, not of today's model.
            foreach (var (id, channels) in new[] { (preTicked, (int)ContactChannels.All), (emailOnly, (int)ContactChannels.Email) })
            {
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""INSERT INTO "People" ("Id", "DisplayName", "AskMeAbout", "CreatedAt", "DefaultSharedChannels", "IsErased", "Version") VALUES ({id}, {"Mina " + channels}, {"cafés"}, {DateTimeOffset.UtcNow}, {channels}, {false}, {Guid.NewGuid()})""", Ct);
            }
        }

        await using (var db = store.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        await using (var db = store.CreateContext())
        {
            var people = await db.People.AsNoTracking().Where(p => p.Id == preTicked || p.Id == emailOnly).ToListAsync(Ct);
            people.Should().HaveCount(2);
            people.Should().OnlyContain(p => p.DefaultSharedChannels == ContactChannels.None && p.AskMeAbout == "cafés");
            people.Select(p => p.DisplayName).Should().BeEquivalentTo($"Mina {(int)ContactChannels.All}", $"Mina {(int)ContactChannels.Email}");
        }
    }

    [Fact]
    public async Task RenameGuessableGuestUserNames_GuestNamedAfterItsId_GetsARandomNameAndNoLockout()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync();
        await using (var db = store.CreateContext())
        {
            var all = db.Database.GetMigrations().ToList();
            var rename = all.FindIndex(m => m.EndsWith("_RenameGuessableGuestUserNames", StringComparison.Ordinal));
            rename.Should().BePositive();
            await db.GetService<IMigrator>().MigrateAsync(all[rename - 1], Ct);
        }

        // Two guests named the old way, one guest and one account whose names do not follow it.
        var derived = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var otherGuest = Guid.CreateVersion7();
        var otherAccount = Guid.CreateVersion7();
        await using (var db = store.CreateContext())
        {
            // An account is a person first (AspNetUsers.Id references People.Id).
            // Written with SQL: the People table has the columns of this older migration, not of today's model.
            foreach (var id in derived.Append(otherGuest).Append(otherAccount))
            {
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""INSERT INTO "People" ("Id", "DisplayName", "AskMeAbout", "CreatedAt", "DefaultSharedChannels", "IsErased", "Version") VALUES ({id}, {"Someone"}, {""}, {DateTimeOffset.UtcNow}, {15}, {false}, {Guid.NewGuid()})""", Ct);
            }

            foreach (var id in derived)
            {
                db.Users.Add(User(id, $"guest-{id.ToString("N")[^10..]}", lockedUntil: DateTimeOffset.UtcNow.AddMinutes(10)));
            }

            db.Users.Add(User(otherGuest, "guest-abcdefghij", lockedUntil: null));
            db.Users.Add(User(otherAccount, "mina", lockedUntil: null));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        await using (var db = store.CreateContext())
        {
            var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, Ct);
            var renamed = derived.Select(id => users[id].UserName!).ToList();
            renamed.Should().OnlyHaveUniqueItems();
            foreach (var id in derived)
            {
                var user = users[id];
                user.UserName.Should().MatchRegex("^guest-[0-9a-f]{32}$").And.NotContain(id.ToString("N")[^10..]);
                user.NormalizedUserName.Should().Be(user.UserName!.ToUpperInvariant());
                user.ConcurrencyStamp.Should().NotBe("stamp");
                user.SecurityStamp.Should().Be("security", "signed-in devices stay signed in");
            }

            users[otherGuest].UserName.Should().Be("guest-abcdefghij");
            users[otherAccount].UserName.Should().Be("mina");
            users[otherAccount].NormalizedUserName.Should().Be("MINA");
            users.Values.Should().OnlyContain(u => !u.LockoutEnabled && u.LockoutEnd == null && u.AccessFailedCount == 0);
        }
    }

    [Fact]
    public async Task Model_ComparedWithLatestMigration_HasNoPendingChanges()
    {
        await using var db = Store.CreateContext();

        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration for {0}", _fixture.Provider);
    }

    [Fact]
    public async Task HealthCheck_UnreachableDatabase_ReportsUnhealthyWithoutThrowing()
    {
        await using var store = _fixture.CreateUnreachableStore();

        var check = () => store.CheckHealthAsync(Ct);

        var report = (await check.Should().NotThrowAsync()).Subject;
        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries.Should().ContainKey("database").WhoseValue.Status.Should().Be(HealthStatus.Unhealthy);
    }

    private static async Task<int> CountMigrationHistoryAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        return await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsHistory\"").SingleAsync(Ct);
    }

    private static AppUser User(Guid id, string userName, DateTimeOffset? lockedUntil) => new()
    {
        Id = id,
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        CreatedAt = DateTimeOffset.UtcNow,
        ConcurrencyStamp = "stamp",
        SecurityStamp = "security",
        LockoutEnabled = true,
        LockoutEnd = lockedUntil,
        AccessFailedCount = lockedUntil is null ? 0 : 5,
    };
}
