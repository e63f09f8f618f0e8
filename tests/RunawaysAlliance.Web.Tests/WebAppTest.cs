namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// A test with its own copy of the demo database and the whole app served on it over HTTP (xunit makes a new
/// instance per test, so every test starts from the seeded event). Subclasses call <see cref="App"/> like a browser.
/// </summary>
public abstract class WebAppTest(IDemoFixture fixture) : IAsyncLifetime
{
    protected DemoDatabase Database { get; private set; } = null!;

    protected RunawaysWebFactory App { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await fixture.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        App = new RunawaysWebFactory(Database.Settings);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A client like a browser that does not follow redirects (so a test sees each 302).</summary>
    protected HttpClient NewClient() =>
        App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
}
