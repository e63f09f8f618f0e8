using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.People;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Tests.People;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>
/// Kudos and credits (issue 13) through the services, on both providers: only the haver thanks, only people who took
/// part, after the end; the ledger is the person's own until they share it; organizers see top contributors.
/// </summary>
public abstract class KudosServiceTests(IDemoFixture fixture)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Haver_ThanksAHelperAfterTheSession_LedgerIsTheirsUntilShared_OrganizersSeeTopContributors()
    {
        await using var app = await TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);
        var (demo, session, haver, helper) = await app.SessionWithHaverAndHelperAsync("Kudos");
        var kudos = app.Services.GetRequiredService<KudosService>();
        var credits = app.Services.GetRequiredService<CreditsService>();
        (await kudos.CandidatesAsync(haver, demo.EventId, session, Ct)).Should().BeEmpty("the session has not ended");
        (await kudos.GiveAsync(haver, demo.EventId, session, helper, "thanks", Ct)).Code.Should().Be(RuleCode.KudosBeforeEnd);
        await EndRoundAsync(app, session);

        var candidates = await kudos.CandidatesAsync(haver, demo.EventId, session, Ct);
        var given = await kudos.GiveAsync(haver, demo.EventId, session, helper, "면접 질문 목록, 정말 고마워요", Ct);
        var byModerator = await kudos.GiveAsync(demo.Person("Alex"), demo.EventId, session, helper, "thanks", Ct);

        candidates.Select(c => c.PersonId).Should().BeEquivalentTo([demo.Person("Alex"), helper]);
        given.Succeeded.Should().BeTrue(given.Error);
        byModerator.Code.Should().Be(RuleCode.OnlyHaverGivesKudos);
        (await kudos.CandidatesAsync(helper, demo.EventId, session, Ct)).Should().BeEmpty("only the haver thanks");

        var own = await credits.LedgerAsync(helper, helper, Ct);
        own!.Thanks.Should().ContainSingle().Which.Note.Should().Be("면접 질문 목록, 정말 고마워요");
        own.SessionsHelped.Should().Be(1);
        own.Shared.Should().BeFalse("sharing is off until the person turns it on");
        (await credits.LedgerAsync(helper, null, Ct)).Should().BeNull("a stranger sees nothing, not even the name");
        (await credits.LedgerAsync(helper, haver, Ct)).Should().BeNull();

        (await credits.ShareAsync(helper, true, Ct)).Succeeded.Should().BeTrue();
        (await credits.LedgerAsync(helper, null, Ct))!.Thanks.Should().ContainSingle();

        var top = await credits.TopAsync(demo.Person("Mina"), demo.EventId, ct: Ct);
        top.Should().NotBeNull();
        top![0].PersonId.Should().Be(helper);
        top[0].Thanks.Should().Be(1);
        (await credits.TopAsync(helper, demo.EventId, ct: Ct)).Should().BeNull("only organizers see the ranking");
    }

    [Fact]
    public async Task DeleteAccount_RemovesThanksGivenAndReceived()
    {
        await using var app = await TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);
        var (demo, session, haver, helper) = await app.SessionWithHaverAndHelperAsync("Kudos");
        await EndRoundAsync(app, session);
        var kudos = app.Services.GetRequiredService<KudosService>();
        (await kudos.GiveAsync(haver, demo.EventId, session, helper, "thank you", Ct)).Succeeded.Should().BeTrue();
        (await kudos.GiveAsync(haver, demo.EventId, session, demo.Person("Alex"), "great moderation", Ct)).Succeeded.Should().BeTrue();

        (await app.PersonalData().DeleteAccountAsync(helper, CardsOnDelete.KeepAnonymously, Ct)).Succeeded.Should().BeTrue();

        await using var db = app.Store.CreateDbContext();
        var left = await db.Set<Kudos>().AsNoTracking().Where(k => k.SessionId == session).ToListAsync(Ct);
        left.Should().ContainSingle().Which.ToId.Should().Be(demo.Person("Alex"));
    }

    private async Task EndRoundAsync(TestApp app, Guid sessionId)
    {
        await using var db = app.Store.CreateDbContext();
        var round = await db.Sessions.Where(s => s.Id == sessionId).Join(db.Set<Round>(), s => s.RoundId, r => r.Id, (s, r) => r).SingleAsync(Ct);
        _time.SetUtcNow(round.EndsAt);
    }
}

public sealed class SqliteKudosServiceTests(SqliteDemoFixture fixture) : KudosServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresKudosServiceTests(PostgresDemoFixture fixture) : KudosServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
