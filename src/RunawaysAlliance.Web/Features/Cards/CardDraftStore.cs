using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using RunawaysAlliance.Web.Components.Shared;

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
        return result.Succeeded ? DraftSaveOutcome.Saved : DraftSaveOutcome.Refused(CardText.Message(localizer, result));
    }

    public Task DiscardAsync(CancellationToken ct) => cards.DiscardDraftAsync(me, eventId, cardId, ct);

    public async Task MarkLocalCopySyncedAsync(CardDraftInput saved)
    {
        if (Browser is not null)
        {
            await Browser.InvokeVoidAsync("markSynced", key, CardForm.BrowserValues(saved));
        }
    }

    public async Task ClearLocalCopyAsync()
    {
        if (Browser is not null)
        {
            await Browser.InvokeVoidAsync("clear", key);
        }
    }
}
