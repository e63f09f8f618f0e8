using Bunit;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.People;

namespace RunawaysAlliance.Web.Tests.People;

/// <summary>
/// The dialog that picks what a contact request (or an acceptance) shares: it starts with only the person's own
/// defaults ticked, and its button says what will be shared, or that nothing is picked yet.
/// </summary>
public sealed class ShareChannelsDialogTests : IAsyncDisposable
{
    private const ContactChannels EmailAndPhone = ContactChannels.Email | ContactChannels.Phone;

    private BunitContext _context = null!;

    [Fact]
    public async Task Open_NoDefaults_NothingTickedAndConfirmDisabled()
    {
        var (provider, _) = await OpenAsync(EmailAndPhone, initial: ContactChannels.None);

        provider.FindAll("[data-testid=share-dialog] input[type=checkbox]").Should().HaveCount(2)
            .And.OnlyContain(box => !box.HasAttribute("checked"), "nothing is shared unless the person ticks it");
        var confirm = provider.Find("[data-testid=share-confirm]");
        confirm.HasAttribute("disabled").Should().BeTrue();
        confirm.TextContent.Trim().Should().Be("Tick what to share first");
    }

    [Fact]
    public async Task Open_DefaultNotFilledIn_OnlyTheFilledDefaultIsTicked()
    {
        // Defaults may name a channel the person has since emptied: only channels with a value can be ticked.
        var (provider, _) = await OpenAsync(ContactChannels.Email | ContactChannels.Messenger, initial: EmailAndPhone);

        Box(provider, "Email").HasAttribute("checked").Should().BeTrue();
        Box(provider, "Messenger").HasAttribute("checked").Should().BeFalse();
        provider.FindAll("[data-channel=Phone]").Should().BeEmpty("the phone has no value to share");
        provider.Find("[data-testid=share-confirm]").TextContent.Trim().Should().Be("Accept and share: Email");
    }

    [Fact]
    public async Task Confirm_TickedPhone_ButtonNamesItAndTheResultIsExactlyPhone()
    {
        var (provider, dialog) = await OpenAsync(EmailAndPhone, initial: ContactChannels.None);

        await Box(provider, "Phone").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        var confirm = provider.Find("[data-testid=share-confirm]");
        confirm.TextContent.Trim().Should().Be("Accept and share: Phone");
        confirm.HasAttribute("disabled").Should().BeFalse();
        await confirm.ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        var result = await dialog.Result;
        result!.Canceled.Should().BeFalse();
        result.Data.Should().Be(ContactChannels.Phone);
    }

    [Fact]
    public async Task Open_Korean_ButtonSaysWhatIsSharedInKorean()
    {
        var (provider, _) = await OpenAsync(EmailAndPhone, initial: EmailAndPhone, culture: "ko");

        provider.Find("[data-testid=share-confirm]").TextContent.Trim().Should().Be("수락하고 공유: 이메일, 전화번호");
    }

    // MudCheckBox puts its attributes on the input or on its wrapper, depending on the version.
    private static AngleSharp.Dom.IElement Box(IRenderedComponent<MudDialogProvider> provider, string channel) =>
        provider.Find($"input[data-channel={channel}], [data-channel={channel}] input");

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(
        ContactChannels available, ContactChannels initial, string culture = "en")
    {
        _context = ComponentContext.Create(culture);
        var provider = _context.Render<MudDialogProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        var words = _context.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<RunawaysAlliance.Web.SharedResource>>();
        var parameters = new DialogParameters<ShareChannelsDialog>
        {
            { d => d.Available, available },
            { d => d.Initial, initial },
            { d => d.Lead, "Pick" },
            { d => d.ConfirmFormat, words["Contacts.AcceptAndShare"].Value },
        };
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await dialogs.ShowAsync<ShareChannelsDialog>("Accept", parameters));
        provider.WaitForElement("[data-testid=share-dialog], [data-testid=share-confirm]");
        return (provider, dialog!);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }
}
