using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.People;

/// <summary>
/// The contact consent handshake through the services the pages call: channels are seen by the other side only
/// while a request is accepted, and then exactly the channels that side chose; nobody else ever sees them.
/// Priya asks Tomas; Sara is a third person of the same event.
/// </summary>
public abstract class ContactConsentTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handshake_EveryStage_OnlyAnAcceptedRequestRevealsExactlyTheChosenChannels()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas, sara) = (demo.Person("Priya"), demo.Person("Tomas"), demo.Person("Sara"));
        var priyas = await app.GiveChannelsAsync(priya, "priya");
        var tomass = await app.GiveChannelsAsync(tomas, "tomas");
        await app.GiveChannelsAsync(sara, "sara");

        // Before any request: nothing, anywhere.
        await NobodySeesAsync(app, [priya, tomas, sara], priyas, tomass);

        // Pending: still nothing.
        (await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email | ContactChannels.Messenger, Ct)).Should().Be(ServiceResult.Ok);
        await NobodySeesAsync(app, [priya, tomas, sara], priyas, tomass);
        var pending = (await app.Contacts().ListMineAsync(tomas, Ct))!.Incoming.Should().ContainSingle().Subject;
        pending.OtherName.Should().Be("Priya");
        pending.TheirShares.Should().Be(ContactChannels.Email | ContactChannels.Messenger, "the recipient sees which kinds, not the values");
        pending.TheirContact.Should().Be(ContactDetails.None);

        // Accepted: each side sees exactly what the other chose.
        (await app.Contacts().AcceptAsync(tomas, pending.RequestId, ContactChannels.Phone, Ct)).Should().Be(ServiceResult.Ok);
        var tomasSees = (await app.SeenChannelsAsync(tomas, priya)).Should().ContainSingle().Subject;
        tomasSees.Should().BeEquivalentTo(new { priyas.Email, Phone = (string?)null, priyas.Messenger, LinkedIn = (string?)null });
        var priyaSees = (await app.SeenChannelsAsync(priya, tomas)).Should().ContainSingle().Subject;
        priyaSees.Should().BeEquivalentTo(new { Email = (string?)null, tomass.Phone, Messenger = (string?)null, LinkedIn = (string?)null });

        var tomasView = await app.EverythingVisibleToAsync(tomas);
        tomasView.Should().Contain(priyas.Email).And.Contain(priyas.Messenger);
        tomasView.ShouldContainNone([priyas.Phone, priyas.LinkedIn], "Priya did not choose to share these");
        var priyaView = await app.EverythingVisibleToAsync(priya);
        priyaView.Should().Contain(tomass.Phone);
        priyaView.ShouldContainNone([tomass.Email, tomass.Messenger, tomass.LinkedIn], "Tomas shared his phone only");
        (await app.EverythingVisibleToAsync(sara)).ShouldContainNone(priyas.Values.Concat(tomass.Values), "Sara is not part of the exchange");
    }

    [Theory]
    [InlineData("Priya")]
    [InlineData("Tomas")]
    public async Task WithdrawAsync_AcceptedExchangeEitherSide_NobodySeesAnythingAnyMore(string who)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas, sara) = (demo.Person("Priya"), demo.Person("Tomas"), demo.Person("Sara"));
        var priyas = await app.GiveChannelsAsync(priya, "priya");
        var tomass = await app.GiveChannelsAsync(tomas, "tomas");
        var requestId = await ExchangeAsync(app, priya, tomas);
        (await app.SeenChannelsAsync(tomas, priya)).Should().NotBeEmpty();

        var result = await app.Contacts().WithdrawAsync(demo.Person(who), requestId, Ct);

        result.Should().Be(ServiceResult.Ok);
        (await app.FindRequestAsync(priya, tomas))!.Status.Should().Be(ContactRequestStatus.Withdrawn);
        await NobodySeesAsync(app, [priya, tomas, sara], priyas, tomass);
    }

    [Fact]
    public async Task DeclineAsync_Recipient_NobodySeesAnythingAndTheRequesterSeesDeclined()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas, sara) = (demo.Person("Priya"), demo.Person("Tomas"), demo.Person("Sara"));
        var priyas = await app.GiveChannelsAsync(priya, "priya");
        var tomass = await app.GiveChannelsAsync(tomas, "tomas");
        (await app.Contacts().RequestAsync(priya, tomas, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);
        var request = await app.FindRequestAsync(priya, tomas);

        var result = await app.Contacts().DeclineAsync(tomas, request!.Id, Ct);

        result.Should().Be(ServiceResult.Ok);
        await NobodySeesAsync(app, [priya, tomas, sara], priyas, tomass);
        var outgoing = (await app.Contacts().ListMineAsync(priya, Ct))!.Outgoing.Should().ContainSingle().Subject;
        outgoing.Status.Should().Be(ContactRequestStatus.Declined);
        (await app.Contacts().ListMineAsync(tomas, Ct))!.All.Should().BeEmpty("a declined request is gone from the recipient's lists");
    }

    [Theory]
    [InlineData("Priya")]
    [InlineData("Sara")]
    public async Task AcceptAsync_SomeoneOtherThanTheRecipient_ForbiddenAndNothingChanges(string who)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas, sara) = (demo.Person("Priya"), demo.Person("Tomas"), demo.Person("Sara"));
        var priyas = await app.GiveChannelsAsync(priya, "priya");
        var tomass = await app.GiveChannelsAsync(tomas, "tomas");
        await app.GiveChannelsAsync(sara, "sara");
        (await app.Contacts().RequestAsync(priya, tomas, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);
        var before = await app.FindRequestAsync(priya, tomas);

        var accept = await app.Contacts().AcceptAsync(demo.Person(who), before!.Id, ContactChannels.All, Ct);
        var decline = await app.Contacts().DeclineAsync(demo.Person(who), before.Id, Ct);

        accept.Failure.Should().Be(ServiceFailure.Forbidden);
        decline.Failure.Should().Be(ServiceFailure.Forbidden);
        (await app.FindRequestAsync(priya, tomas)).Should().BeEquivalentTo(before, "a refused answer changes nothing");
        await NobodySeesAsync(app, [priya, tomas, sara], priyas, tomass);
    }

    [Fact]
    public async Task WithdrawAsync_ThirdPerson_ForbiddenAndTheExchangeStays()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        await app.GiveChannelsAsync(priya, "priya");
        await app.GiveChannelsAsync(tomas, "tomas");
        var requestId = await ExchangeAsync(app, priya, tomas);

        var result = await app.Contacts().WithdrawAsync(demo.Person("Sara"), requestId, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        (await app.FindRequestAsync(priya, tomas))!.Status.Should().Be(ContactRequestStatus.Accepted);
    }

    [Fact]
    public async Task WithdrawAsync_RecipientOfPendingRequest_RejectedAskingToDecline()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        await app.GiveChannelsAsync(priya, "priya");
        (await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);

        var result = await app.Contacts().WithdrawAsync(tomas, (await app.FindRequestAsync(priya, tomas))!.Id, Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().Be("Decline the request instead.");
        (await app.FindRequestAsync(priya, tomas))!.Status.Should().Be(ContactRequestStatus.Pending);
    }

    [Fact]
    public async Task RequestAsync_NoCommonEvent_ForbiddenAndNothingStored()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var outsider = await app.AddOutsiderAsync("Stranger");
        await app.GiveChannelsAsync(outsider, "stranger");

        var asks = await app.Contacts().RequestAsync(outsider, demo.Person("Tomas"), ContactChannels.All, Ct);
        await app.GiveChannelsAsync(demo.Person("Tomas"), "tomas");
        var asked = await app.Contacts().RequestAsync(demo.Person("Tomas"), outsider, ContactChannels.All, Ct);

        asks.Failure.Should().Be(ServiceFailure.Forbidden);
        asks.Error.Should().Be(PeopleMessages.NotInCommonEvent);
        asked.Failure.Should().Be(ServiceFailure.Forbidden);
        (await app.FindRequestAsync(outsider, demo.Person("Tomas"))).Should().BeNull();
        (await app.FindRequestAsync(demo.Person("Tomas"), outsider)).Should().BeNull();
    }

    [Fact]
    public async Task RequestAsync_Yourself_Rejected()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await app.GiveChannelsAsync(demo.Person("Priya"), "priya");

        var result = await app.Contacts().RequestAsync(demo.Person("Priya"), demo.Person("Priya"), ContactChannels.All, Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().Be("You cannot send a contact request to yourself.");
    }

    [Fact]
    public async Task RequestAsync_UnknownCaller_Forbidden()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var result = await app.Contacts().RequestAsync(Guid.NewGuid(), demo.Person("Priya"), ContactChannels.All, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
    }

    [Fact]
    public async Task RequestAsync_NoChannelsOrNoneOfTheChosenFilledIn_RejectedAndNothingStored()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));

        var without = await app.Contacts().RequestAsync(priya, tomas, ContactChannels.All, Ct);
        (await app.Profiles().UpdateAsync(priya, new ProfileInput { DisplayName = "Priya", Email = "priya@example.org" }, Ct)).Succeeded.Should().BeTrue();
        var phoneOnly = await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Phone, Ct);
        var nothing = await app.Contacts().RequestAsync(priya, tomas, ContactChannels.None, Ct);

        without.Error.Should().Be(PeopleMessages.NoChannels);
        phoneOnly.Error.Should().Be(PeopleMessages.PickChannel, "Priya has no phone to share");
        nothing.Error.Should().Be(PeopleMessages.PickChannel);
        (await app.FindRequestAsync(priya, tomas)).Should().BeNull();
    }

    [Fact]
    public async Task RequestAsync_SharesOnlyFilledInChannels()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        (await app.Profiles().UpdateAsync(priya, new ProfileInput { DisplayName = "Priya", Email = "priya@example.org" }, Ct)).Succeeded.Should().BeTrue();

        (await app.Contacts().RequestAsync(priya, tomas, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);

        (await app.FindRequestAsync(priya, tomas))!.RequesterShares.Should().Be(ContactChannels.Email);
    }

    [Fact]
    public async Task RequestAsync_OpenRequestEitherWay_ClearMessageAndNoSecondRequest()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        await app.GiveChannelsAsync(priya, "priya");
        await app.GiveChannelsAsync(tomas, "tomas");
        (await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);

        var again = await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email, Ct);
        var back = await app.Contacts().RequestAsync(tomas, priya, ContactChannels.Email, Ct);

        again.Failure.Should().Be(ServiceFailure.Rule);
        again.Error.Should().Be(PeopleMessages.AlreadyOpen);
        back.Error.Should().Be(PeopleMessages.AlreadyAskedYou);
        (await app.FindRequestAsync(tomas, priya)).Should().BeNull();

        (await app.Contacts().AcceptAsync(tomas, (await app.FindRequestAsync(priya, tomas))!.Id, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);
        (await app.Contacts().RequestAsync(tomas, priya, ContactChannels.Email, Ct)).Error.Should().Be(PeopleMessages.AlreadyExchanged);
    }

    [Fact]
    public async Task RequestAsync_SamePairAtTheSameTime_OneRequestAndTheOtherIsToldWhy()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        await app.GiveChannelsAsync(priya, "priya");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email, Ct)));

        results.Should().ContainSingle(r => r.Succeeded);
        results.Where(r => !r.Succeeded).Should().AllSatisfy(r => r.Error.Should().Be(PeopleMessages.AlreadyOpen));
        await using var db = app.Store.CreateDbContext();
        (await db.ContactRequests.CountAsync(r => r.RequesterId == priya && r.RecipientId == tomas, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task Store_SecondOpenRequestForThePair_RefusedInTheDomainsWords()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        await using (var first = app.Store.CreateDbContext())
        {
            first.ContactRequests.Add(new ContactRequest(Guid.NewGuid(), priya, tomas, ContactChannels.Email, DateTimeOffset.UtcNow));
            await first.SaveChangesAsync(Ct);
        }

        // What the loser of a race meets when both passed the service's check: the unique index, translated.
        await using var second = app.Store.CreateDbContext();
        second.ContactRequests.Add(new ContactRequest(Guid.NewGuid(), priya, tomas, ContactChannels.Phone, DateTimeOffset.UtcNow));
        var save = () => second.SaveChangesAsync(Ct);

        (await save.Should().ThrowAsync<RunawaysAlliance.Domain.Common.RuleViolationException>()).WithMessage(PeopleMessages.AlreadyOpen);
    }

    [Fact]
    public async Task RequestAsync_DeclinedBefore_CanAskAgain()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        await app.GiveChannelsAsync(priya, "priya");
        (await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);
        (await app.Contacts().DeclineAsync(tomas, (await app.FindRequestAsync(priya, tomas))!.Id, Ct)).Should().Be(ServiceResult.Ok);

        var again = await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email, Ct);

        again.Should().Be(ServiceResult.Ok);
    }

    [Fact]
    public async Task RequestAsync_ManyInAMinute_LimitedWithWhenToRetry()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var priya = demo.Person("Priya");
        await app.GiveChannelsAsync(priya, "priya");
        var others = new[] { "Mina", "Junho", "Seoyeon", "Alex", "Jisoo", "Daniel", "하늘", "민준", "Tomas", "서연", "Hyunwoo", "Sara" };

        var results = new List<ServiceResult>();
        foreach (var name in others)
        {
            results.Add(await app.Contacts().RequestAsync(priya, demo.Person(name), ContactChannels.Email, Ct));
        }

        results.Take(10).Should().AllSatisfy(r => r.Should().Be(ServiceResult.Ok));
        results.Skip(10).Should().AllSatisfy(r =>
        {
            r.Failure.Should().Be(ServiceFailure.Rule);
            r.Error.Should().MatchRegex("^You sent many contact requests just now. Try again in [0-9]+ seconds.$");
        });
        (await app.Contacts().ListMineAsync(priya, Ct))!.Outgoing.Should().HaveCount(10);
    }

    [Fact]
    public async Task AcceptAsync_AlreadyAnswered_RejectedAndStaysDeclined()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        var priyas = await app.GiveChannelsAsync(priya, "priya");
        await app.GiveChannelsAsync(tomas, "tomas");
        (await app.Contacts().RequestAsync(priya, tomas, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);
        var id = (await app.FindRequestAsync(priya, tomas))!.Id;
        (await app.Contacts().DeclineAsync(tomas, id, Ct)).Should().Be(ServiceResult.Ok);

        var result = await app.Contacts().AcceptAsync(tomas, id, ContactChannels.All, Ct);

        result.Error.Should().Be("This contact request was already answered.");
        (await app.EverythingVisibleToAsync(tomas)).ShouldContainNone(priyas.Values, "the request was declined");
    }

    [Fact]
    public async Task PeopleList_ShowsPublicProfilesAndWhereTheCallerStands_NeverChannels()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas, sara) = (demo.Person("Priya"), demo.Person("Tomas"), demo.Person("Sara"));
        var priyas = await app.GiveChannelsAsync(priya, "priya", ContactChannels.Email | ContactChannels.Phone);
        var tomass = await app.GiveChannelsAsync(tomas, "tomas");
        await ExchangeAsync(app, priya, tomas);
        (await app.Contacts().RequestAsync(priya, sara, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);

        var asPriya = await app.Profiles().ListEventPeopleAsync(priya, "runaways-2025", Ct);
        var anonymous = await app.Profiles().ListEventPeopleAsync(null, "runaways-2025", Ct);

        asPriya!.CallerIsMember.Should().BeTrue();
        asPriya.CallerChannels.Should().Be(ContactChannels.All);
        asPriya.CallerDefaultChannels.Should().Be(ContactChannels.Email | ContactChannels.Phone);
        asPriya.People.Should().HaveCount(14);
        asPriya.People.Single(p => p.PersonId == priya).State.Should().Be(ContactState.Self);
        asPriya.People.Single(p => p.PersonId == tomas).Should().BeEquivalentTo(new { DisplayName = "Tomas", AskMeAbout = "ask tomas about testing", State = ContactState.Exchanged });
        asPriya.People.Single(p => p.PersonId == sara).State.Should().Be(ContactState.Requested);
        asPriya.People.Single(p => p.DisplayName == "Mina").State.Should().Be(ContactState.None);
        (await app.Profiles().ListEventPeopleAsync(sara, "runaways-2025", Ct))!.People.Single(p => p.PersonId == priya).State.Should().Be(ContactState.AskedMe);
        anonymous!.CallerIsMember.Should().BeFalse();
        anonymous.People.Should().OnlyContain(p => p.State == ContactState.None);
        System.Text.Json.JsonSerializer.Serialize(asPriya).ShouldContainNone(priyas.Values.Concat(tomass.Values), "the people list is public profiles only");
        (await app.Profiles().ListEventPeopleAsync(null, "no-such-event", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Defaults_NewPersonWithChannels_NothingIsTickedUntilTheyChoose()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        // Filled in through the profile form as it starts: channels typed, no default ticked.
        await app.GiveChannelsAsync(priya, "priya", new ProfileInput().DefaultSharedChannels);
        await app.GiveChannelsAsync(tomas, "tomas", ContactChannels.Email);
        (await app.Contacts().RequestAsync(tomas, priya, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);

        var priyas = (await app.Contacts().ListMineAsync(priya, Ct))!;
        var tomass = (await app.Contacts().ListMineAsync(tomas, Ct))!;

        priyas.MyChannels.Should().Be(ContactChannels.All);
        priyas.MyDefaultChannels.Should().Be(ContactChannels.None, "the accept dialog starts from these and Priya ticked none");
        (await app.Profiles().ListEventPeopleAsync(priya, "runaways-2025", Ct))!.CallerDefaultChannels.Should().Be(ContactChannels.None);
        tomass.MyDefaultChannels.Should().Be(ContactChannels.Email, "a default the person ticked is kept");
    }

    [Fact]
    public async Task AcceptAsync_NothingChosen_RefusedAndNothingRevealed()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        var priyas = await app.GiveChannelsAsync(priya, "priya", ContactChannels.None);
        await app.GiveChannelsAsync(tomas, "tomas", ContactChannels.None);
        (await app.Contacts().RequestAsync(tomas, priya, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);
        var request = await app.FindRequestAsync(tomas, priya);

        var result = await app.Contacts().AcceptAsync(priya, request!.Id, ContactChannels.None, Ct);

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be(PeopleMessages.PickChannel);
        (await app.Contacts().ListMineAsync(priya, Ct))!.Incoming.Should().ContainSingle(r => r.RequestId == request.Id, "the request still waits for an answer");
        (await app.EverythingVisibleToAsync(tomas)).ShouldContainNone(priyas.Values, "Priya chose nothing");
    }

    [Fact]
    public async Task AcceptAsync_OnlyEmailChosen_PhoneStaysHiddenEvenWhenItIsADefault()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (priya, tomas) = (demo.Person("Priya"), demo.Person("Tomas"));
        var priyas = await app.GiveChannelsAsync(priya, "priya", ContactChannels.Email | ContactChannels.Phone);
        await app.GiveChannelsAsync(tomas, "tomas", ContactChannels.None);
        (await app.Contacts().RequestAsync(tomas, priya, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);
        var request = await app.FindRequestAsync(tomas, priya);

        (await app.Contacts().AcceptAsync(priya, request!.Id, ContactChannels.Email, Ct)).Should().Be(ServiceResult.Ok);

        var seen = (await app.SeenChannelsAsync(tomas, priya)).Should().ContainSingle().Subject;
        seen.Should().BeEquivalentTo(new { priyas.Email, Phone = (string?)null, Messenger = (string?)null, LinkedIn = (string?)null });
        (await app.EverythingVisibleToAsync(tomas)).ShouldContainNone([priyas.Phone, priyas.Messenger, priyas.LinkedIn], "only the email was chosen");
    }

    private static async Task<Guid> ExchangeAsync(TestApp app, Guid requester, Guid recipient)
    {
        (await app.Contacts().RequestAsync(requester, recipient, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);
        var request = await app.FindRequestAsync(requester, recipient);
        (await app.Contacts().AcceptAsync(recipient, request!.Id, ContactChannels.All, Ct)).Should().Be(ServiceResult.Ok);
        return request.Id;
    }

    private static async Task NobodySeesAsync(TestApp app, Guid[] viewers, params TestChannels[] channels)
    {
        foreach (var viewer in viewers)
        {
            var everything = await app.EverythingVisibleToAsync(viewer);
            var own = (await app.Profiles().GetMyProfileAsync(viewer, Ct))!.Contact;
            // A viewer's own export carries their own channels; anyone else's must not occur anywhere.
            everything.ShouldContainNone(channels.SelectMany(c => c.Values).Where(v => v != own.Email && v != own.Phone && v != own.Messenger && v != own.LinkedIn),
                "no request is accepted");
            foreach (var other in viewers.Where(v => v != viewer))
            {
                (await app.SeenChannelsAsync(viewer, other)).Should().BeEmpty();
            }
        }
    }
}
