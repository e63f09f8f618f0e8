using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// The account endpoints that are not pages: signing out, and the option documents that start a passkey
/// ceremony in the browser (PasskeySubmit.razor.js). All of them are POSTs that need the antiforgery token.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var account = endpoints.MapGroup("/account");

        // A form field makes the minimal API validate the antiforgery token itself (400 without it).
        account.MapPost("/sign-out", SignOutAsync);
        account.MapPost("/passkey-creation-options", PasskeyCreationOptionsAsync).RequireAuthorization();
        account.MapPost("/passkey-request-options", PasskeyRequestOptionsAsync);
        return account;
    }

    private static async Task<IResult> SignOutAsync(
        HttpContext context,
        ClaimsPrincipal user,
        [FromServices] SignInManager<AppUser> signIn,
        [FromServices] ILoggerFactory loggers,
        [FromForm] string? returnUrl)
    {
        var personId = CurrentPerson.IdOf(user);
        await signIn.SignOutAsync();
        // Drafts the browser kept (text that never reached the server) must not wait there for the next person.
        BrowserStorage.ClearWith(context.Response);
        if (personId is not null)
        {
            loggers.CreateLogger(typeof(AccountEndpoints)).LogInformation("Person {PersonId} signed out", personId);
        }

        return TypedResults.LocalRedirect(ReturnUrls.AfterSignOut(returnUrl));
    }

    private static async Task<IResult> PasskeyCreationOptionsAsync(
        HttpContext context,
        [FromServices] UserManager<AppUser> users,
        [FromServices] SignInManager<AppUser> signIn,
        [FromServices] AccountService accounts,
        [FromServices] IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var user = await users.GetUserAsync(context.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        // The authenticator shows the user name (what one signs in with) and the display name (who one is).
        var userName = user.UserName ?? user.Id.ToString();
        var optionsJson = await signIn.MakePasskeyCreationOptionsAsync(new()
        {
            Id = user.Id.ToString(),
            Name = userName,
            DisplayName = await accounts.DisplayNameAsync(user.Id, context.RequestAborted) ?? userName,
        });
        return TypedResults.Content(optionsJson, contentType: "application/json");
    }

    private static async Task<IResult> PasskeyRequestOptionsAsync(
        HttpContext context,
        [FromServices] SignInManager<AppUser> signIn,
        [FromServices] IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        // Never for a named user: options listing someone's passkeys would tell whether that user name exists.
        // The browser offers the discoverable passkeys it holds for this site instead.
        var optionsJson = await signIn.MakePasskeyRequestOptionsAsync(user: null);
        return TypedResults.Content(optionsJson, contentType: "application/json");
    }
}
