using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.People;

namespace RunawaysAlliance.Web.Tests.People;

/// <summary>One person's private channels in a test, with values that are unique strings to search for.</summary>
public sealed record TestChannels(string Email, string Phone, string Messenger, string LinkedIn)
{
    /// <summary>Distinct values per person, so that "does not occur anywhere" means exactly that person's.</summary>
    public static TestChannels For(string tag) => new(
        $"{tag}.private@example.org",
        $"+82 10 {Random.Shared.Next(1000, 10000)} {Random.Shared.Next(1000, 10000)}",
        $"kakao-{tag}-secret",
        $"https://www.linkedin.com/in/{tag}-secret");

    public IEnumerable<string> Values => [Email, Phone, Messenger, LinkedIn];
}

/// <summary>The people services of a test app, and what one person can see through every door the app has.</summary>
internal static class PeopleKit
{
    // Nothing escaped that a search for a value could miss ('+' in a phone number is \u002B by default).
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ProfileService Profiles(this TestApp app) => app.Services.GetRequiredService<ProfileService>();

    public static ContactService Contacts(this TestApp app) => app.Services.GetRequiredService<ContactService>();

    public static PersonalDataService PersonalData(this TestApp app) => app.Services.GetRequiredService<PersonalDataService>();

    /// <summary>Gives a person contact channels (and which ones requests reveal by default) through the profile service.</summary>
    public static async Task<TestChannels> GiveChannelsAsync(this TestApp app, Guid personId, string tag, ContactChannels defaults = ContactChannels.All)
    {
        var channels = TestChannels.For(tag);
        var profile = await app.Profiles().GetMyProfileAsync(personId, TestContext.Current.CancellationToken);
        profile.Should().NotBeNull();
        var result = await app.Profiles().UpdateAsync(personId, new ProfileInput
        {
            DisplayName = profile!.DisplayName,
            AskMeAbout = $"ask {tag} about testing",
            Email = channels.Email,
            Phone = channels.Phone,
            Messenger = channels.Messenger,
            LinkedIn = channels.LinkedIn,
            DefaultSharedChannels = defaults,
        }, TestContext.Current.CancellationToken);
        result.Succeeded.Should().BeTrue(result.Error);
        return channels;
    }

    /// <summary>A person in no event at all.</summary>
    public static async Task<Guid> AddOutsiderAsync(this TestApp app, string name)
    {
        await using var db = app.Store.CreateDbContext();
        var person = new Person(Guid.NewGuid(), name, DateTimeOffset.UtcNow);
        db.People.Add(person);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return person.Id;
    }

    /// <summary>A sign-in account for a seeded person (the demo seeds people without accounts).</summary>
    public static async Task AddAccountAsync(this TestApp app, Guid personId)
    {
        await using var db = app.Store.CreateDbContext();
        db.Users.Add(new AppUser { Id = personId, UserName = $"user-{personId:N}", NormalizedUserName = $"USER-{personId:N}".ToUpperInvariant(), CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Everything <paramref name="viewerId"/> can read through the app's services, serialized: their contact
    /// requests, the people of the demo event, their data export and the public board.
    /// </summary>
    public static async Task<string> EverythingVisibleToAsync(this TestApp app, Guid viewerId)
    {
        var ct = TestContext.Current.CancellationToken;
        var contacts = await app.Contacts().ListMineAsync(viewerId, ct);
        var people = await app.Profiles().ListEventPeopleAsync(viewerId, DemoEvent.Slug, ct);
        var export = await app.PersonalData().ExportAsync(viewerId, ct);
        var board = await app.BoardJsonAsync();
        return string.Join('\n',
            JsonSerializer.Serialize(contacts, Json),
            JsonSerializer.Serialize(people, Json),
            export is null ? string.Empty : Decoded(export.Content),
            board);
    }

    /// <summary>The channels of <paramref name="otherId"/> that <paramref name="viewerId"/> sees in their contacts (all requests together).</summary>
    public static async Task<IReadOnlyList<ContactDetails>> SeenChannelsAsync(this TestApp app, Guid viewerId, Guid otherId)
    {
        var mine = await app.Contacts().ListMineAsync(viewerId, TestContext.Current.CancellationToken);
        return mine is null
            ? []
            : mine.All.Where(e => e.OtherPersonId == otherId && e.TheirContact.Present != ContactChannels.None).Select(e => e.TheirContact).ToList();
    }

    public static async Task<string> BoardJsonAsync(this TestApp app)
    {
        var queries = app.Services.GetRequiredService<BoardQueries>();
        var demoId = await queries.FindEventIdAsync(DemoEvent.Slug, TestContext.Current.CancellationToken);
        var snapshot = await queries.LoadAsync(demoId!.Value, TestContext.Current.CancellationToken);
        return JsonSerializer.Serialize(snapshot, Json);
    }

    /// <summary>A JSON document with every escape undone, to search for values as a person would read them.</summary>
    public static string Decoded(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Json);
    }

    public static async Task<ContactRequest?> FindRequestAsync(this TestApp app, Guid requesterId, Guid recipientId)
    {
        await using var db = app.Store.CreateDbContext();
        return await db.ContactRequests.AsNoTracking()
            .Where(r => r.RequesterId == requesterId && r.RecipientId == recipientId)
            .OrderByDescending(r => r.CreatedAt)
            .FirstOrDefaultAsync(TestContext.Current.CancellationToken);
    }

    public static void ShouldContainNone(this string text, IEnumerable<string> values, string because)
    {
        foreach (var value in values)
        {
            text.Should().NotContain(value, because);
        }
    }
}
