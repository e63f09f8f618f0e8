using System.Net;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Accounts;

namespace RunawaysAlliance.Web.Tests.Accounts;

/// <summary>The account pages and endpoints over HTTP (static forms, antiforgery, throttling, passkeys) on SQLite.</summary>
public sealed class AccountPagesTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>
{
    private const string SignInForm = "[data-testid=sign-in-form]";
    private const string FailedMessage = "That user name and password did not sign you in.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInPage_Get_RendersStaticFormWithAntiforgeryTokenAndPasskeyButton()
    {
        using var browser = await BrowserAsync();

        var loaded = await browser.GetAsync("/account/sign-in");

        loaded.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var form = loaded.Page.QuerySelector(SignInForm);
        form.Should().NotBeNull();
        form!.GetAttribute("method").Should().BeEquivalentTo("post");
        form.QuerySelector("input[name=_handler]")!.GetAttribute("value").Should().Be("sign-in");
        form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value").Should().NotBeNullOrEmpty();
        form.QuerySelector("input[name='Input.UserName']")!.GetAttribute("autocomplete").Should().Be("username webauthn");
        form.QuerySelector("input[name='Input.Password']")!.GetAttribute("type").Should().Be("password");
        var passkey = form.QuerySelector("passkey-submit")!;
        passkey.GetAttribute("operation").Should().Be("Request");
        passkey.GetAttribute("request-token-value").Should().NotBeNullOrEmpty();
        // Static page: no circuit, and the passkey script is there.
        loaded.Page.QuerySelectorAll("script[type=module]").Select(s => s.GetAttribute("src"))
            .Should().Contain(src => src!.Contains("PasskeySubmit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_PostWithoutAntiforgeryToken_Returns400()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (_, userName) = await TestAccounts.CreateAsync(factory, "No Token");
        using var browser = new AccountBrowser(factory);

        var posted = await browser.PostAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.UserName"] = userName,
            ["Input.Password"] = TestAccounts.Password,
        });

        posted.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        posted.Response.Headers.TryGetValues(HeaderNames.SetCookie, out var cookies);
        (cookies ?? []).Should().NotContain(c => c.StartsWith("ra.auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_CorrectPassword_SignsInAndGoesToLocalReturnUrl()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (_, userName) = await TestAccounts.CreateAsync(factory, "Mina");
        using var browser = new AccountBrowser(factory);

        using var response = await browser.SignInAsync(userName, TestAccounts.Password, returnUrl: "/events/" + DemoEvent.Slug);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        AccountBrowser.LocationOf(response).Should().Be("/events/" + DemoEvent.Slug);
        response.Headers.GetValues(HeaderNames.SetCookie).Should().Contain(c => c.StartsWith("ra.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var account = await browser.GetAsync("/account");
        account.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        account.Page.QuerySelector("[data-testid=account-user-name]")!.TextContent.Should().Be(userName);
        account.Page.QuerySelector("[data-testid=account-display-name]")!.TextContent.Should().Be("Mina");
        account.Page.QuerySelector("[data-testid=account-has-password]").Should().NotBeNull();
        // The app bar shows who is signed in.
        account.Page.QuerySelector("[data-testid=account-name]")!.TextContent.Should().Be("Mina");
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task SignIn_ReturnUrlToAnotherSite_GoesHome(string returnUrl)
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (_, userName) = await TestAccounts.CreateAsync(factory, "Crafted");
        using var browser = new AccountBrowser(factory);

        using var response = await browser.SignInAsync(userName, TestAccounts.Password, returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        AccountBrowser.LocationOf(response).Should().Be("/");
    }

    [Fact]
    public async Task SignIn_UnknownUserOrWrongPassword_SameMessageThatRevealsNothing()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (_, userName) = await TestAccounts.CreateAsync(factory, "Known");
        var (_, guestName) = await TestAccounts.CreateAsync(factory, "Guest without password", password: null);
        using var browser = new AccountBrowser(factory);

        var messages = new List<string>();
        foreach (var (name, password) in new[] { (userName, "wrong password!"), ("nobody-by-this-name", "wrong password!"), (guestName, "any password at all") })
        {
            var page = await browser.GetAsync("/account/sign-in");
            var posted = await browser.SubmitAsync(page, SignInForm, new Dictionary<string, string>
            {
                ["Input.UserName"] = name,
                ["Input.Password"] = password,
            });
            posted.Response.StatusCode.Should().Be(HttpStatusCode.OK);
            messages.Add(posted.Page.QuerySelector("[data-testid=sign-in-error]")!.TextContent.Trim());
            posted.Page.QuerySelector("input[name='Input.Password']")!.GetAttribute("value").Should().BeNullOrEmpty("a password is never sent back");
        }

        messages.Should().OnlyContain(m => m == messages[0]);
        messages[0].Should().StartWith(FailedMessage);
    }

    [Fact]
    public async Task SignIn_FiftyWrongPasswordsFromSeveralClients_OrganizerSignsInOnceTheWaitIsOver()
    {
        var clock = ThrottledApp.Clock();
        await using var app = ThrottledApp.Create(await fixture.GetWebAppAsync(Ct), clock);
        var (organizer, userName) = await TestAccounts.CreateAsync(app, "Organizer Oh");
        await MakeOrganizerAsync(app, organizer);
        var strangers = Enumerable.Range(1, 5).Select(i => new AccountBrowser(app, clientAddress: $"198.51.100.{i}")).ToList();

        // A stranger who knows the user name hammers it from five addresses, a second apart, never waiting as told.
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var stranger = strangers[attempt % strangers.Count];
            var page = await stranger.GetAsync("/account/sign-in");
            var posted = await stranger.SubmitAsync(page, SignInForm, new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = $"wrong password {attempt}",
            });
            statuses.Add(posted.Response.StatusCode);
            posted.Response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests, "the guessing was slowed down");
        statuses.Count(s => s == HttpStatusCode.OK).Should().BeLessThan(15, "most of the 50 guesses were refused unchecked");
        var (lockedOut, failedCount) = await TestAccounts.WithUsersAsync(app, async users =>
        {
            var user = (await users.FindByIdAsync(organizer.ToString()))!;
            return (await users.IsLockedOutAsync(user), await users.GetAccessFailedCountAsync(user));
        });
        lockedOut.Should().BeFalse("Identity's lockout is off");
        failedCount.Should().Be(0);

        // The owner, on a device of their own, is asked to wait at most a minute; the right password during the
        // wait is not even checked, and after it the owner is in.
        using var owner = new AccountBrowser(app, clientAddress: "203.0.113.50");
        var ownerPage = await owner.GetAsync("/account/sign-in");
        var early = await owner.SubmitAsync(ownerPage, SignInForm, new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = TestAccounts.Password,
        });
        early.Response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var wait = int.Parse(early.Response.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        wait.Should().BeInRange(1, 60);
        early.Page.QuerySelector("[data-testid=sign-in-error]")!.TextContent.Should().Contain($"Try again in {wait} seconds");
        early.Response.Headers.TryGetValues(HeaderNames.SetCookie, out var earlyCookies);
        (earlyCookies ?? []).Should().NotContain(c => c.StartsWith("ra.auth=", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromSeconds(wait));
        using var signedIn = await owner.SignInAsync(userName, TestAccounts.Password, returnUrl: "/events/" + DemoEvent.Slug + "/organize");

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        AccountBrowser.LocationOf(signedIn).Should().Be("/events/" + DemoEvent.Slug + "/organize");
        (await owner.GetAsync("/events/" + DemoEvent.Slug + "/organize")).Response.StatusCode.Should().Be(HttpStatusCode.OK, "the organizer is in");
        strangers.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task SignIn_ThrottledInKorean_SaysHowManySecondsToWait()
    {
        var clock = ThrottledApp.Clock();
        await using var app = ThrottledApp.Create(await fixture.GetWebAppAsync(Ct), clock);
        var (_, userName) = await TestAccounts.CreateAsync(app, "민아");
        using var browser = new AccountBrowser(app, language: "ko", clientAddress: "198.51.100.7");

        Loaded posted = null!;
        for (var attempt = 0; attempt <= SignInThrottle.AccountPolicy.FreeFailures; attempt++)
        {
            var page = await browser.GetAsync("/account/sign-in");
            posted = await browser.SubmitAsync(page, SignInForm, new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = "틀린 비밀번호입니다",
            });
        }

        posted.Response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        posted.Response.Headers.RetryAfter!.ToString().Should().Be("1");
        posted.Page.QuerySelector("[data-testid=sign-in-error]")!.TextContent.Should().Contain("1초 후에 다시 시도하세요");
    }

    [Fact]
    public async Task PasskeySignIn_RightAfterFiftyWrongPasswords_SignsInAtOnce()
    {
        var clock = ThrottledApp.Clock();
        await using var app = ThrottledApp.Create(await fixture.GetWebAppAsync(Ct), clock);
        var (id, userName) = await TestAccounts.CreateAsync(app, "Passkey Owner");
        using var passkey = new SoftwarePasskey();
        await passkey.AddToAsync(app, id);
        using var stranger = new AccountBrowser(app, clientAddress: "198.51.100.9");
        var refused = 0;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var page = await stranger.GetAsync("/account/sign-in");
            var posted = await stranger.SubmitAsync(page, SignInForm, new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = $"wrong password {attempt}",
            });
            refused += posted.Response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        refused.Should().BeGreaterThan(0, "the password path is being throttled right now");

        // The owner, from the very same address (a shared venue network), without waiting.
        using var owner = new AccountBrowser(app, clientAddress: "198.51.100.9");
        var signedIn = await passkey.SignInAsync(owner, id, "/events/" + DemoEvent.Slug);

        signedIn.Response.StatusCode.Should().Be(HttpStatusCode.Redirect, signedIn.Page.QuerySelector("[data-testid=sign-in-error]")?.TextContent);
        signedIn.Location.Should().Be("/events/" + DemoEvent.Slug);
        var account = await owner.GetAsync("/account");
        account.Page.QuerySelector("[data-testid=account-user-name]")!.TextContent.Should().Be(userName);
    }

    [Fact]
    public async Task PasskeySignIn_AccountLockedBeforeLockoutWasTurnedOff_SignsIn()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (id, _) = await TestAccounts.CreateAsync(factory, "Locked Before");
        using var passkey = new SoftwarePasskey();
        await passkey.AddToAsync(factory, id);
        // What the old lockout left behind on an account: enabled, and locked for ten more minutes.
        await TestAccounts.WithUsersAsync(factory, async users =>
        {
            var user = (await users.FindByIdAsync(id.ToString()))!;
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10);
            return await users.UpdateAsync(user);
        });
        using var browser = new AccountBrowser(factory);

        var signedIn = await passkey.SignInAsync(browser, id, "/");

        signedIn.Response.StatusCode.Should().Be(HttpStatusCode.Redirect, signedIn.Page.QuerySelector("[data-testid=sign-in-error]")?.TextContent);
        signedIn.Location.Should().Be("/");
        (await browser.GetAsync("/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LockedPage_IsGone()
    {
        using var browser = await BrowserAsync();

        var locked = await browser.GetAsync("/account/locked");

        locked.Response.StatusCode.Should().Be(HttpStatusCode.NotFound, "no account is ever locked out now");
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/account/set-password")]
    [InlineData("/account/change-password")]
    public async Task AccountPages_SignedOut_RedirectToSignIn(string path)
    {
        using var browser = await BrowserAsync();

        var loaded = await browser.GetAsync(path);

        loaded.Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = new Uri(new Uri("http://localhost"), loaded.Location);
        location.AbsolutePath.Should().Be("/account/sign-in");
        Uri.UnescapeDataString(location.Query).Should().Contain("ReturnUrl=" + path);
    }

    [Fact]
    public async Task QuickJoinAccount_SetsPasswordThenSignsInWithUserName()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        using var browser = new AccountBrowser(factory);
        await JoinDemoEventAsync(factory, browser, "Joined by link");

        var account = await browser.GetAsync("/account");
        account.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var userName = account.Page.QuerySelector("[data-testid=account-user-name]")!.TextContent;
        userName.Should().MatchRegex("^guest-[a-z2-7]{16}$", "a guest's user name is random, and shown where they can copy it");
        account.Page.QuerySelector("[data-testid=account-only-here]").Should().NotBeNull("a quick-join account has no passkey and no password yet");
        account.Page.QuerySelector("[data-testid=account-no-password]").Should().NotBeNull();
        account.Page.QuerySelectorAll("a").Should().Contain(a => a.GetAttribute("href") == "/account/set-password");

        var setPage = await browser.GetAsync("/account/set-password");
        setPage.Page.QuerySelector("[data-testid=account-user-name]")!.TextContent.Should().Be(userName);
        var set = await browser.SubmitAsync(setPage, "[data-testid=set-password-form]", new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "a long enough passphrase",
            ["Input.ConfirmPassword"] = "a long enough passphrase",
        });
        set.Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        set.Location.Should().Be("/account");
        var after = await browser.GetAsync("/account");
        after.Page.QuerySelector("[data-testid=account-status]")!.TextContent.Should().Contain("Your password is set");
        after.Page.QuerySelector("[data-testid=account-has-password]").Should().NotBeNull();
        // Set once: the set page now sends to the change page.
        (await browser.GetAsync("/account/set-password")).Location.Should().Be("/account/change-password");

        using var elsewhere = new AccountBrowser(factory);
        using var signedIn = await elsewhere.SignInAsync(userName, "a long enough passphrase");
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        AccountBrowser.LocationOf(signedIn).Should().Be("/");
        (await elsewhere.GetAsync("/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SetPassword_InKorean_ExplainsMismatchAndShortPasswordInKorean()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        using var browser = new AccountBrowser(factory, language: "ko");
        await JoinDemoEventAsync(factory, browser, "민아");
        var setPage = await browser.GetAsync("/account/set-password");

        var mismatch = await browser.SubmitAsync(setPage, "[data-testid=set-password-form]", new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "a long enough passphrase",
            ["Input.ConfirmPassword"] = "another long passphrase",
        });
        var tooShort = await browser.SubmitAsync(setPage, "[data-testid=set-password-form]", new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "짧은암호",
            ["Input.ConfirmPassword"] = "짧은암호",
        });

        mismatch.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        mismatch.Page.QuerySelectorAll("input[type=password]").Should().OnlyContain(i => string.IsNullOrEmpty(i.GetAttribute("value")));
        mismatch.Page.QuerySelector("[data-testid=password-error]")!.TextContent.Should().Contain("새 비밀번호 두 개가 서로 다릅니다");
        tooShort.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        tooShort.Page.QuerySelector("[data-testid=password-error]")!.TextContent.Should().Contain("10자 이상 입력하세요");
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_ShowsMessageAndKeepsTheOldOne()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (_, userName) = await TestAccounts.CreateAsync(factory, "Changer");
        using var browser = new AccountBrowser(factory);
        using (await browser.SignInAsync(userName, TestAccounts.Password))
        {
        }

        var page = await browser.GetAsync("/account/change-password");
        var posted = await browser.SubmitAsync(page, "[data-testid=change-password-form]", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not my password",
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        posted.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        posted.Page.QuerySelector("[data-testid=password-error]")!.TextContent.Should().Contain("The current password is not right.");
        using var again = new AccountBrowser(factory);
        using var oldStillWorks = await again.SignInAsync(userName, TestAccounts.Password);
        oldStillWorks.StatusCode.Should().Be(HttpStatusCode.Redirect);
        AccountBrowser.LocationOf(oldStillWorks).Should().Be("/");
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Returns400AndStaysSignedIn()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (_, userName) = await TestAccounts.CreateAsync(factory, "Stayer");
        using var browser = new AccountBrowser(factory);
        using (await browser.SignInAsync(userName, TestAccounts.Password))
        {
        }

        var posted = await browser.PostAsync("/account/sign-out", new Dictionary<string, string> { ["returnUrl"] = "/" });

        posted.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignOut_FromAppBarForm_ClearsTheCookieAndLeavesAccountPagesForHome()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (_, userName) = await TestAccounts.CreateAsync(factory, "Leaver");
        using var browser = new AccountBrowser(factory);
        using (await browser.SignInAsync(userName, TestAccounts.Password))
        {
        }

        var account = await browser.GetAsync("/account");
        var form = account.Page.QuerySelector("[data-testid=sign-out-form]")!;
        form.GetAttribute("action").Should().Be("/account/sign-out");
        form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value").Should().Be("/account");
        var posted = await browser.SubmitAsync(account, "[data-testid=sign-out-form]", new Dictionary<string, string>());

        posted.Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        posted.Location.Should().Be("/");
        posted.Response.Headers.GetValues(HeaderNames.SetCookie).Should().Contain(c => c.StartsWith("ra.auth=;", StringComparison.Ordinal));
        posted.Response.Headers.GetValues("Clear-Site-Data").Should().Equal(["\"storage\""], "drafts the browser kept go with the session");
        (await browser.GetAsync("/account")).Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var home = await browser.GetAsync("/events/" + DemoEvent.Slug);
        home.Page.QuerySelector("[data-testid=sign-in-link]")!.GetAttribute("href")
            .Should().Be("/account/sign-in?returnUrl=%2Fevents%2F" + DemoEvent.Slug);
    }

    [Fact]
    public async Task PasskeyRequestOptions_WithToken_AreForThisHostAndNameNoCredentials()
    {
        using var browser = await BrowserAsync();
        var signIn = await browser.GetAsync("/account/sign-in");
        var passkey = signIn.Page.QuerySelector("passkey-submit")!;

        using var withoutToken = await browser.Client.PostAsync("/account/passkey-request-options", null, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/passkey-request-options");
        request.Headers.Add(passkey.GetAttribute("request-token-name")!, passkey.GetAttribute("request-token-value"));
        using var withToken = await browser.Client.SendAsync(request, Ct);

        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        withToken.StatusCode.Should().Be(HttpStatusCode.OK);
        withToken.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var options = JsonDocument.Parse(await withToken.Content.ReadAsStringAsync(Ct));
        options.RootElement.GetProperty("rpId").GetString().Should().Be("localhost");
        options.RootElement.GetProperty("challenge").GetString().Should().NotBeNullOrEmpty();
        options.RootElement.GetProperty("userVerification").GetString().Should().Be("required");
        if (options.RootElement.TryGetProperty("allowCredentials", out var allowed))
        {
            allowed.GetArrayLength().Should().Be(0, "the options never say whose passkeys exist");
        }
    }

    [Fact]
    public async Task PasskeyCreationOptions_SignedOut_AreRefused()
    {
        using var browser = await BrowserAsync();
        var signIn = await browser.GetAsync("/account/sign-in");
        var passkey = signIn.Page.QuerySelector("passkey-submit")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/passkey-creation-options");
        request.Headers.Add(passkey.GetAttribute("request-token-name")!, passkey.GetAttribute("request-token-value"));

        using var response = await browser.Client.SendAsync(request, Ct);

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().NotContain("challenge");
    }

    [Fact]
    public async Task PasskeyCreationOptions_SignedIn_DescribeTheAccountAndAskForADiscoverableVerifiedPasskey()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (id, userName) = await TestAccounts.CreateAsync(factory, "Passkey Person");
        using var browser = new AccountBrowser(factory);
        using (await browser.SignInAsync(userName, TestAccounts.Password))
        {
        }

        var account = await browser.GetAsync("/account");
        var passkey = account.Page.QuerySelector("passkey-submit[operation=Create]")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/passkey-creation-options");
        request.Headers.Add(passkey.GetAttribute("request-token-name")!, passkey.GetAttribute("request-token-value"));
        using var response = await browser.Client.SendAsync(request, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = options.RootElement;
        root.GetProperty("rp").GetProperty("id").GetString().Should().Be("localhost");
        root.GetProperty("user").GetProperty("name").GetString().Should().Be(userName);
        root.GetProperty("user").GetProperty("displayName").GetString().Should().Be("Passkey Person");
        root.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString().Should().Be("required");
        root.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString().Should().Be("required");
        id.Should().NotBeEmpty();
    }

    [Fact]
    public async Task AccountPages_AddingAPasskeyWithoutACredential_ShowsALocalizedMessage()
    {
        var factory = await fixture.GetWebAppAsync(Ct);
        var (_, userName) = await TestAccounts.CreateAsync(factory, "No Authenticator");
        using var browser = new AccountBrowser(factory);
        using (await browser.SignInAsync(userName, TestAccounts.Password))
        {
        }

        var account = await browser.GetAsync("/account");
        var posted = await browser.SubmitAsync(account, "[data-testid=add-passkey-form]", new Dictionary<string, string>
        {
            ["Passkey.Error"] = "not-allowed",
        });

        posted.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        posted.Page.QuerySelector("[data-testid=account-status]")!.TextContent.Should().Contain("No passkey was used.");
    }

    private async Task<AccountBrowser> BrowserAsync() => new(await fixture.GetWebAppAsync(Ct));

    private static async Task MakeOrganizerAsync(WebApplicationFactory<Program> app, Guid personId)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Slug == DemoEvent.Slug, Ct);
        evt.AddMember(personId, EventRole.Organizer, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Joins the demo event by its link the way a newcomer does: a display name and nothing else.</summary>
    private static async Task JoinDemoEventAsync(RunawaysWebFactory factory, AccountBrowser browser, string displayName)
    {
        var store = factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = store.CreateDbContext();
        var code = await db.Events.Where(e => e.Slug == DemoEvent.Slug).Select(e => e.JoinCode).SingleAsync(Ct);
        var join = await browser.GetAsync($"/join/{code}");
        var nameField = join.Page.QuerySelector("#display-name")!.GetAttribute("name")!;
        var joined = await browser.SubmitAsync(join, "[data-testid=join-form]", new Dictionary<string, string> { [nameField] = displayName });
        joined.Response.StatusCode.Should().Be(HttpStatusCode.Redirect, "joining signs the newcomer in and goes to the board");
    }
}
