using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.People;

/// <summary>Editing one's own profile: every field checked by the domain, one bad field saves nothing and is named.</summary>
public abstract class ProfileServiceTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?> BadInputs => new()
    {
        // field set, bad value, field the result names (null: same as the field set)
        { "AskMeAbout", new string('x', Person.AskMeAboutMaxLength + 1), "ask me about" },
        { "AskMeAbout", "pricing\nhiring", "ask me about" },
        { "AskMeAbout", "pricing\u2028hiring", "ask me about" },
        { "DisplayName", "Mina\u2029Kim", "display name" },
        { "Messenger", "kakao\u2028mina", "messenger" },
        { "DisplayName", "", "display name" },
        { "DisplayName", "Mina\nKim", "display name" },
        { "DisplayName", new string('가', Person.DisplayNameMaxLength + 1), "display name" },
        { "Email", "mina-at-example.org", "email" },
        { "Email", "mina@example.org\nBcc: x@example.org", "email" },
        { "Phone", "call me maybe", "phone" },
        { "Phone", "010\n1234 5678", "phone" },
        { "Messenger", "kakao\nmina", "messenger" },
        { "Messenger", new string('m', 65), "messenger" },
        { "LinkedIn", "http://www.linkedin.com/in/mina", "LinkedIn" },
        { "LinkedIn", "https://evil.example/www.linkedin.com/in/mina", "LinkedIn" },
        { "LinkedIn", "https://linkedin.com.evil.example/in/mina", "LinkedIn" },
        { "LinkedIn", "javascript:alert(1)//linkedin.com", "LinkedIn" },
    };

    [Fact]
    public async Task UpdateAsync_ValidInput_SavedAndReadBack()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var mina = demo.Person("Mina");

        var result = await app.Profiles().UpdateAsync(mina, new ProfileInput
        {
            DisplayName = "  민아 ",
            AskMeAbout = "커뮤니티 운영, open source",
            Email = "mina@example.org",
            Phone = "+82 10-1234-5678",
            Messenger = "mina.kakao",
            LinkedIn = "https://kr.linkedin.com/in/mina",
            DefaultSharedChannels = ContactChannels.Email | ContactChannels.LinkedIn,
        }, Ct);

        result.Should().Be(ProfileSaveResult.Ok);
        var profile = await app.Profiles().GetMyProfileAsync(mina, Ct);
        profile!.DisplayName.Should().Be("민아");
        profile.AskMeAbout.Should().Be("커뮤니티 운영, open source");
        profile.Contact.Should().BeEquivalentTo(new { Email = "mina@example.org", Phone = "+82 10-1234-5678", Messenger = "mina.kakao", LinkedIn = "https://kr.linkedin.com/in/mina" });
        profile.DefaultSharedChannels.Should().Be(ContactChannels.Email | ContactChannels.LinkedIn);
    }

    [Fact]
    public async Task UpdateAsync_EmptyChannels_MeanNotGiven()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var mina = demo.Person("Mina");
        await app.GiveChannelsAsync(mina, "mina");

        var result = await app.Profiles().UpdateAsync(mina, new ProfileInput { DisplayName = "Mina", Email = " ", Phone = "" }, Ct);

        result.Succeeded.Should().BeTrue();
        (await app.Profiles().GetMyProfileAsync(mina, Ct))!.Contact.Should().Be(ContactDetails.None);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task UpdateAsync_BadField_NamesTheFieldWithTheDomainsMessageAndSavesNothing(string field, string value, string? named)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var mina = demo.Person("Mina");
        await app.GiveChannelsAsync(mina, "mina");
        var before = await app.Profiles().GetMyProfileAsync(mina, Ct);
        var changes = app.Listen(demo.EventId);
        // Every other field changes validly: none of it may be saved either.
        var input = new ProfileInput
        {
            DisplayName = "Mina Kim",
            AskMeAbout = "boards",
            Email = "new@example.org",
            Phone = "+82 2 123 4567",
            Messenger = "new-handle",
            LinkedIn = "https://www.linkedin.com/in/new",
            DefaultSharedChannels = ContactChannels.Phone,
        };
        typeof(ProfileInput).GetProperty(field)!.SetValue(input, value);

        var result = await app.Profiles().UpdateAsync(mina, input, Ct);

        result.Succeeded.Should().BeFalse();
        result.Outcome.Failure.Should().Be(ServiceFailure.Rule);
        result.Field.Should().Be(named);
        result.Error.Should().NotBeNullOrWhiteSpace();
        PeopleMessages.FieldKey(result.Field).Should().NotBeNull("the page shows a localized message for the field");
        (await app.Profiles().GetMyProfileAsync(mina, Ct)).Should().Be(before);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_NewDisplayName_AnnouncedToTheBoardsOfThePersonsEvents()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var junho = demo.Person("Junho");
        var changes = app.Listen(demo.EventId);

        (await app.Profiles().UpdateAsync(junho, new ProfileInput { DisplayName = "Junho P." }, Ct)).Succeeded.Should().BeTrue();

        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Event, junho));
        (await app.BoardJsonAsync()).Should().Contain("Junho P.", "the board names moderators");
    }

    [Fact]
    public async Task UpdateAsync_SameDisplayName_NothingAnnounced()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var changes = app.Listen(demo.EventId);

        (await app.Profiles().UpdateAsync(demo.Person("Junho"), new ProfileInput { DisplayName = "Junho", Email = "junho@example.org" }, Ct)).Succeeded.Should().BeTrue();

        changes.Received.Should().BeEmpty("contact channels never reach a board");
    }

    [Fact]
    public async Task UpdateAsync_UnknownPerson_Forbidden()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);

        var result = await app.Profiles().UpdateAsync(Guid.NewGuid(), new ProfileInput { DisplayName = "Nobody" }, Ct);

        result.Outcome.Failure.Should().Be(ServiceFailure.Forbidden);
        (await app.Profiles().GetMyProfileAsync(Guid.NewGuid(), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Board_PeopleWithChannels_SnapshotCarriesNoChannel()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var everyone = new List<TestChannels>();
        foreach (var name in new[] { "Junho", "Seoyeon", "Alex", "Jisoo", "Daniel", "하늘" })
        {
            everyone.Add(await app.GiveChannelsAsync(demo.Person(name), $"board-{everyone.Count}"));
        }

        var board = await app.BoardJsonAsync();

        board.Should().Contain("Junho", "the board names moderators");
        board.ShouldContainNone(everyone.SelectMany(c => c.Values), "boards and exports show no contact channels");
        board.Should().NotContain("@example.org");
    }
}
