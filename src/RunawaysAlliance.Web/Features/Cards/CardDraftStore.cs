using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using RunawaysAlliance.Web.Components.Shared;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// Where the card form's draft goes: <see cref="CardService"/> on the server, and the browser's copy kept by
/// <c>CardFormPage.razor.js</c> (under <paramref name="key"/>) once the page has loaded that module.
/// </summary>
internal sealed class CardDraftStore(
    CardService cards, IStringLocalizer localizer, Guid me, Guid eventId, Guid cardId, Func<int> baseRevision, string key) : IDraftStore<CardDraftInput>
{
    /// <summary>The page's JavaScript module; until it is loaded there is no browser copy to update.</summary>
    public IJSObjectReference? Browser { get; set; }

    public async Task<DraftSaveOutcome> SaveAsync(CardDraftInput draft, CancellationToken ct)
    {
        var result = await cards.SaveDraftAsync(me, eventId, cardId, draft, baseRevision(), ct);
        return result switch
        {
            { Succeeded: true } => DraftSaveOutcome.Saved,
            // Saving too often is not a problem with the text: the browser keeps it and the save goes again later.
            { Failure: ServiceFailure.RateLimited } => DraftSaveOutcome.Later(TimeSpan.FromSeconds(result.RetryAfterSeconds ?? 1)),
            _ => DraftSaveOutcome.Refused(CardText.Message(localizer, result)),
        };
    }

    public Task DiscardAsync(CancellationToken ct) => cards.DiscardDraftAsync(me, eventId, cardId, ct);

    // The browser's copy is kept up to date on a best-effort basis: a page that is gone has no copy to update.
    public Task MarkLocalCopySyncedAsync(CardDraftInput saved) =>
        Browser is { } browser ? BrowserCalls.TryAsync(() => browser.InvokeVoidAsync("markSynced", key, CardForm.BrowserValues(saved))) : Task.CompletedTask;

    public Task ClearLocalCopyAsync() =>
        Browser is { } browser ? BrowserCalls.TryAsync(() => browser.InvokeVoidAsync("clear", key)) : Task.CompletedTask;
}
