namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// What the browser keeps for this site besides cookies: the card form's copies of unsent drafts (localStorage,
/// CardFormPage.razor.js). A person who signs out or deletes the account leaves none of that on a shared phone.
/// </summary>
public static class BrowserStorage
{
    /// <summary>Asks the browser to remove this origin's storage (localStorage, sessionStorage, IndexedDB) with this response.</summary>
    /// <remarks>Cookies stay: the sign-out already ends the session, and the language choice is worth keeping.</remarks>
    public static void ClearWith(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["Clear-Site-Data"] = "\"storage\"";
    }
}
