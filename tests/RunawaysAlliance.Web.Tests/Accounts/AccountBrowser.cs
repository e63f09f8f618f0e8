using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Web.Tests.Accounts;

/// <summary>
/// A browser-like HTTP client over the test server: keeps cookies, does not follow redirects, and posts forms
/// the way a browser does (every named field of the form, antiforgery token included, plus what was typed).
/// </summary>
internal sealed class AccountBrowser(WebApplicationFactory<Program> factory, string? language = null, string? clientAddress = null) : IDisposable
{
    private readonly HttpClient _client = CreateClient(factory, language, clientAddress);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Client => _client;

    public async Task<Loaded> GetAsync(string url)
    {
        var response = await _client.GetAsync(url, Ct);
        return new Loaded(response, await ParseAsync(response), url);
    }

    /// <summary>Submits the form that <paramref name="formSelector"/> finds on the loaded page.</summary>
    public async Task<Loaded> SubmitAsync(Loaded loaded, string formSelector, IReadOnlyDictionary<string, string> typed)
    {
        var form = loaded.Page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {loaded.Url}.");
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name]"))
        {
            var type = input.GetAttribute("type") ?? "text";
            if (type is "checkbox" or "radio" && !input.HasAttribute("checked"))
            {
                continue;
            }

            fields[input.GetAttribute("name")!] = input.GetAttribute("value") ?? string.Empty;
        }

        foreach (var (name, value) in typed)
        {
            fields[name] = value;
        }

        var action = form.GetAttribute("action");
        return await PostAsync(string.IsNullOrEmpty(action) ? loaded.Url : action, fields);
    }

    public async Task<Loaded> PostAsync(string url, IReadOnlyDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var response = await _client.PostAsync(url, content, Ct);
        return new Loaded(response, await ParseAsync(response), url);
    }

    /// <summary>Signs in through the sign-in page with a password.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string? returnUrl = null)
    {
        var signInPage = await GetAsync(returnUrl is null ? "/account/sign-in" : $"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var posted = await SubmitAsync(signInPage, "[data-testid=sign-in-form]", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return posted.Response;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Where a redirect goes, as a path on this site ("/x?y") when it stays on the test host (Blazor writes
    /// absolute addresses, the endpoints relative ones); an address elsewhere comes back whole.
    /// </summary>
    public static string? LocationOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null || !location.IsAbsoluteUri)
        {
            return location?.OriginalString;
        }

        return location.Host == "localhost" && location.Scheme == Uri.UriSchemeHttp ? location.PathAndQuery : location.OriginalString;
    }

    private static HttpClient CreateClient(WebApplicationFactory<Program> factory, string? language, string? clientAddress)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        if (clientAddress is not null)
        {
            // Only an app made by ThrottledApp reads it (the test server has no client address of its own).
            client.DefaultRequestHeaders.Add(ThrottledApp.ClientAddressHeader, clientAddress);
        }

        // What a browser sends with every POST; passkey sign-in checks it against the ceremony's origin.
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");

        return client;
    }

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        var page = new HtmlParser().ParseDocument(html);
        return page;
    }
}

/// <summary>A response, its parsed page and the address it came from (where a form without an action posts).</summary>
internal sealed record Loaded(HttpResponseMessage Response, IDocument Page, string Url)
{
    public string? Location => AccountBrowser.LocationOf(Response);
}

/// <summary>People with sign-in accounts, made the way the app makes them: a Person row, then the Identity user with the same id.</summary>
internal static class TestAccounts
{
    public const string Password = "correct horse battery";

    public static async Task<(Guid Id, string UserName)> CreateAsync(WebApplicationFactory<Program> factory, string displayName, string? password = Password)
    {
        var id = Guid.CreateVersion7();
        var store = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = store.CreateDbContext())
        {
            db.People.Add(new Person(id, displayName, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(AccountBrowser.Ct);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = id, UserName = $"test-{id.ToString("N")[^12..]}", CreatedAt = DateTimeOffset.UtcNow };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(", ", created.Errors.Select(e => e.Code)));
        }

        return (id, user.UserName);
    }

    public static async Task<T> WithUsersAsync<T>(WebApplicationFactory<Program> factory, Func<UserManager<AppUser>, Task<T>> use)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }
}
