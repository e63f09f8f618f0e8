using System.Data.Common;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.People;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Cards;
using RunawaysAlliance.Web.Tests.People;

namespace RunawaysAlliance.Web.Tests.Shared;

/// <summary>
/// A store that fails under a call (the connection drops, a command times out) gives the person "nothing was
/// saved, try again" instead of an exception that ends their circuit; the same call works once the store is back.
/// A caller that gives up after the commit still gets a success, and the change is still announced.
/// </summary>
public abstract class StoreFailureTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostCard_WritesFail_TryAgainNothingStoredNothingAnnounced_ThenWorksWhenTheStoreIsBack()
    {
        var store = new FailingStore();
        await using var app = await TestApp.StartAsync(fixture, store.AddTo, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var before = await CountCardsAsync(app, demo.EventId);
        var changes = app.Listen(demo.EventId);

        store.Fail = FailingStore.Writes;
        var failed = await app.CardService().PostAsync(demo.Person("Daniel"), demo.EventId, CardKit.Content(), Ct);

        failed.Succeeded.Should().BeFalse();
        failed.Failure.Should().Be(ServiceFailure.Unavailable);
        failed.Code.Should().Be(RuleCode.StoreUnavailable);
        store.Failures.Should().BeGreaterThan(0, "the write really met the failing store");
        (await CountCardsAsync(app, demo.EventId)).Should().Be(before);
        changes.Received.Should().BeEmpty();

        store.Fail = FailingStore.Nothing;
        var again = await app.CardService().PostAsync(demo.Person("Daniel"), demo.EventId, CardKit.Content(), Ct);

        again.Succeeded.Should().BeTrue(again.Error);
        (await CountCardsAsync(app, demo.EventId)).Should().Be(before + 1);
    }

    [Fact]
    public async Task ClaimSlot_ReadsFail_TryAgainInsteadOfAnException()
    {
        var store = new FailingStore();
        await using var app = await TestApp.StartAsync(fixture, store.AddTo, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        store.Fail = FailingStore.Everything;
        var result = await app.Sessions.ClaimSlotAsync(demo.Person("Junho"), demo.EventId, demo.Card(6), demo.Room("Hall"), demo.Round(3), ct: Ct);
        store.Fail = FailingStore.Nothing;

        result.Failure.Should().Be(ServiceFailure.Unavailable);
        result.Code.Should().Be(RuleCode.StoreUnavailable);
        (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Should().BeEquivalentTo(demo.Sessions);
    }

    [Fact]
    public async Task ContactRequestAndProfile_StoreFails_TryAgainAndNothingChanged()
    {
        var store = new FailingStore();
        await using var app = await TestApp.StartAsync(fixture, store.AddTo, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        await app.GiveChannelsAsync(priya, "priya");

        store.Fail = FailingStore.Everything;
        var request = await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email, Ct);
        store.Fail = FailingStore.Writes;
        var profile = await app.Profiles().UpdateAsync(priya, new ProfileInput { DisplayName = "Priya Renamed", Email = "priya@example.org" }, Ct);
        store.Fail = FailingStore.Nothing;

        request.Failure.Should().Be(ServiceFailure.Unavailable);
        profile.Outcome.Failure.Should().Be(ServiceFailure.Unavailable);
        profile.Outcome.Code.Should().Be(RuleCode.StoreUnavailable);
        (await app.FindRequestAsync(priya, tomas)).Should().BeNull();
        (await app.Profiles().GetMyProfileAsync(priya, Ct))!.DisplayName.Should().Be("Priya");
    }

    [Fact]
    public async Task PostCard_CallerCancelsRightAfterTheCommit_SucceedsAndIsAnnounced()
    {
        var gone = new CancellationTokenSource();
        var cancelAfterCommit = new CancelAfterCommit(gone);
        await using var app = await TestApp.StartAsync(fixture, cancelAfterCommit.AddTo, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var changes = app.Listen(demo.EventId);
        var before = await CountCardsAsync(app, demo.EventId);

        cancelAfterCommit.Armed = true;
        var result = await app.CardService().PostAsync(demo.Person("Daniel"), demo.EventId, CardKit.Content(), gone.Token);

        gone.IsCancellationRequested.Should().BeTrue("the caller's token was cancelled between the commit and the announcement");
        result.Succeeded.Should().BeTrue(result.Error);
        (await CountCardsAsync(app, demo.EventId)).Should().Be(before + 1);
        changes.Received.Should().Contain(c => c.Kind == ChangeKind.Card && c.SubjectId == result.CreatedId);
        gone.Dispose();
    }

    private static async Task<int> CountCardsAsync(TestApp app, Guid eventId)
    {
        await using var db = app.Store.CreateDbContext();
        return await db.Cards.CountAsync(c => c.EventId == eventId, Ct);
    }

    /// <summary>A database that fails the commands it is told to, the way a dropped connection does (a <see cref="DbException"/>).</summary>
    private sealed class FailingStore : DbCommandInterceptor
    {
        public const int Nothing = 0;
        public const int Writes = 1;
        public const int Everything = 2;

        private int _fail;
        private int _failures;

        public int Fail
        {
            get => Volatile.Read(ref _fail);
            set => Volatile.Write(ref _fail, value);
        }

        public int Failures => Volatile.Read(ref _failures);

        public void AddTo(IServiceCollection services)
        {
            services.ConfigureDbContext<PostgresDbContext>(o => o.AddInterceptors(this));
            services.ConfigureDbContext<SqliteDbContext>(o => o.AddInterceptors(this));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        private void Check(DbCommand command)
        {
            var fail = Fail;
            var isWrite = command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase) ||
                          command.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) ||
                          command.CommandText.Contains("DELETE", StringComparison.OrdinalIgnoreCase);
            if (fail == Everything || (fail == Writes && isWrite))
            {
                Interlocked.Increment(ref _failures);
                throw new LostConnection();
            }
        }
    }

    private sealed class LostConnection() : DbException("The connection to the database was lost (simulated).");

    /// <summary>Cancels the caller's token as soon as a save has committed: the tab closed in between.</summary>
    private sealed class CancelAfterCommit(CancellationTokenSource caller) : SaveChangesInterceptor
    {
        public bool Armed { get; set; }

        public void AddTo(IServiceCollection services)
        {
            services.ConfigureDbContext<PostgresDbContext>(o => o.AddInterceptors(this));
            services.ConfigureDbContext<SqliteDbContext>(o => o.AddInterceptors(this));
        }

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (Armed)
            {
                await caller.CancelAsync();
            }

            return result;
        }
    }
}

public sealed class SqliteStoreFailureTests(SqliteDemoFixture fixture) : StoreFailureTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresStoreFailureTests(PostgresDemoFixture fixture) : StoreFailureTests(fixture), IClassFixture<PostgresDemoFixture>;
