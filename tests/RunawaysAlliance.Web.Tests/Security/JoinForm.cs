using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>Walks the static join and setup forms over HTTP as a browser would: GET the form, POST it with its token.</summary>
internal static partial class JoinForm
{
    public static HttpClient NewBrowser(RunawaysWebFactory factory, string baseAddress = "http://localhost") =>
        factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        });

    public static async Task<string> DemoJoinCodeAsync(WebApplicationFactory<Program> factory, bool moderator = false)
    {
        await using var db = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var evt = await db.Events.AsNoTracking().FirstAsync(e => e.Slug == DemoEvent.Slug);
        return moderator ? evt.ModeratorInviteCode : evt.JoinCode;
    }

    /// <summary>Posts a form at <paramref name="path"/> (named <paramref name="formName"/>) with one field.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string formName, string field, string? value, bool withToken = true)
    {
        using var form = await browser.GetAsync(path);
        var html = await form.Content.ReadAsStringAsync();
        var fields = new List<KeyValuePair<string, string>> { new("_handler", formName) };
        if (withToken)
        {
            fields.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(Token().Match(html).Groups["t"].Value)));
        }

        if (value is not null)
        {
            fields.Add(new(field, value));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await browser.PostAsync(path, content);
    }

    public static Task<HttpResponseMessage> JoinAsync(HttpClient browser, string code, string? displayName, bool withToken = true) =>
        PostAsync(browser, $"/join/{code}", "join", "Input.DisplayName", displayName, withToken);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<t>[^\"]+)\"")]
    private static partial Regex Token();
}
