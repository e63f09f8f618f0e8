using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>
/// Data Protection keys in the database, encrypted with a configured certificate: the stored XML holds no master
/// key in the clear, and a sign-in cookie still works on another instance that has the certificate (and only there).
/// </summary>
public sealed class DataProtectionKeyTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>, IAsyncLifetime
{
    private const string Password = "test-only-pfx-password";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"ra-dp-{Guid.NewGuid():N}.pfx");
    private DemoDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await fixture.CreateDatabaseAsync(Ct);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Runaways Data Protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(_pfx, certificate.Export(X509ContentType.Pkcs12, Password), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        File.Delete(_pfx);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Keys_CertificateConfigured_StoredEncryptedAndCookiesRoundTrip()
    {
        await RemoveKeysAsync();
        string cookie;
        await using (var first = new RunawaysWebFactory(WithCertificate()))
        {
            using var browser = JoinForm.NewBrowser(first);
            using var joined = await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(first), "Encrypted Keys");
            joined.StatusCode.Should().Be(HttpStatusCode.Redirect);
            cookie = joined.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ra.auth=", StringComparison.Ordinal)).Split(';')[0];
            (await browser.GetAsync("/account", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie works where it was made");
        }

        var keys = await StoredKeysAsync();
        keys.Should().NotBeEmpty();
        keys.Should().OnlyContain(xml => xml.Contains("<encryptedSecret", StringComparison.Ordinal) && xml.Contains("EncryptedData", StringComparison.Ordinal));
        keys.Should().NotContain(xml => xml.Contains("<masterKey", StringComparison.Ordinal), "the master key is inside the encrypted part only");

        // A second instance with the certificate reads the encrypted key from the database and accepts the cookie.
        await using (var second = new RunawaysWebFactory(WithCertificate()))
        {
            (await GetAccountAsync(second, cookie)).Should().Be(HttpStatusCode.OK);
        }

        // One without it cannot decrypt the key, so the same cookie means nothing there.
        await using var withoutCertificate = new RunawaysWebFactory(_database.Settings);
        (await GetAccountAsync(withoutCertificate, cookie)).Should().Be(HttpStatusCode.Redirect, "the cookie cannot be read without the certificate");
    }

    [Fact]
    public async Task Keys_NoCertificate_StoredAsBefore()
    {
        await RemoveKeysAsync();
        await using (var app = new RunawaysWebFactory(_database.Settings))
        {
            using var browser = JoinForm.NewBrowser(app);
            (await JoinForm.JoinAsync(browser, await JoinForm.DemoJoinCodeAsync(app), "Plain Keys")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await StoredKeysAsync()).Should().NotBeEmpty().And.OnlyContain(xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_WrongCertificatePassword_Fails()
    {
        var settings = new Dictionary<string, string?>(WithCertificate()) { ["DataProtection:Certificate:Password"] = "wrong" };
        await using var app = new RunawaysWebFactory(settings);

        var start = () => app.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*DataProtection:Certificate:Path*");
    }

    private Dictionary<string, string?> WithCertificate() => new(_database.Settings)
    {
        ["DataProtection:Certificate:Path"] = _pfx,
        ["DataProtection:Certificate:Password"] = Password,
    };

    private static async Task<HttpStatusCode> GetAccountAsync(RunawaysWebFactory app, string cookie)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var db = Open();
        return await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync(Ct);
    }

    /// <summary>Starts from no keys, whatever the seeded template holds.</summary>
    private async Task RemoveKeysAsync()
    {
        await using var db = Open();
        await db.DataProtectionKeys.ExecuteDeleteAsync(Ct);
    }

    private SqliteDbContext Open() => new(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(_database.ConnectionString).Options);
}
