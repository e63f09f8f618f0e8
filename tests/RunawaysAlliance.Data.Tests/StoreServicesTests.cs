using FluentAssertions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// What AddRunawaysData gives every instance of the app: the change feed of its provider, contexts that refuse
/// synchronous saves, and a Data Protection key ring in the database that a second instance shares.
/// </summary>
public abstract class StoreServicesTests(IStoreFixture fixture)
{
    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

    [Fact]
    public void AddRunawaysData_Feed_MatchesTheProvider() =>
        Store.Feed.Should().BeOfType(_fixture.Provider == DatabaseProvider.Postgres ? typeof(PostgresEventFeed) : typeof(InProcessEventFeed));

    [Fact]
    public async Task SaveChanges_Synchronous_IsRefused()
    {
        await using var db = Store.CreateContext();

        var save = () => db.SaveChanges();

        save.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public async Task DataProtection_SecondInstanceOnSameDatabase_UnprotectsWhatTheFirstProtected()
    {
        const string secret = "쿠키 속 비밀 🍪";
        var purpose = $"tests-{Guid.NewGuid():N}";
        var protectedText = Store.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect(secret);

        await using var second = Store.OpenAnother();
        var unprotected = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(protectedText);

        unprotected.Should().Be(secret);
        await using var db = Store.CreateContext();
        (await db.DataProtectionKeys.CountAsync(Ct)).Should().BeGreaterThan(0, "the key ring lives in the database");
    }
}
