using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>The session the after-the-evening tests start from (issue 13).</summary>
internal static class AfterSessionKit
{
    /// <summary>A new attendee's card placed by Alex in Room 4 · round 3; another new attendee takes a seat.</summary>
    public static async Task<(DemoEventData Demo, Guid Session, Guid Haver, Guid Helper)> SessionWithHaverAndHelperAsync(this TestApp app, string tag)
    {
        var ct = TestContext.Current.CancellationToken;
        var demo = await DemoEventData.LoadAsync(app.Store, ct);
        var haver = await app.AddPersonAsync($"Haver {tag}", demo.EventId);
        var card = await app.PostCardAsync(haver, demo.EventId);
        var claim = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, card, demo.Room("Room 4"), demo.Round(3), ct: ct);
        claim.Succeeded.Should().BeTrue(claim.Error);
        var helper = await app.AddPersonAsync($"Helper {tag}", demo.EventId);
        (await app.Services.GetRequiredService<SeatService>().ReserveSeatAsync(helper, demo.EventId, claim.CreatedId!.Value, ct)).Succeeded.Should().BeTrue();
        return (demo, claim.CreatedId!.Value, haver, helper);
    }
}
