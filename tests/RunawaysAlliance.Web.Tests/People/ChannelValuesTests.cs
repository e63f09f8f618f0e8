using Bunit;
using FluentAssertions;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.People;

namespace RunawaysAlliance.Web.Tests.People;

/// <summary>Revealed channels render as text, with a link only where the value cannot become something else.</summary>
public sealed class ChannelValuesTests
{
    [Fact]
    public void Render_PlainValues_LinksForMailTelAndLinkedIn()
    {
        using var ctx = ComponentContext.Create();
        var contact = ContactDetails.Create("mina@example.org", "+82 10-1234-5678", "mina.kakao", "https://www.linkedin.com/in/mina");

        var cut = ctx.Render<ChannelValues>(p => p.Add(c => c.Contact, contact));

        cut.Find("[data-channel=email] a").GetAttribute("href").Should().Be("mailto:mina@example.org");
        cut.Find("[data-channel=phone] a").GetAttribute("href").Should().Be("tel:+821012345678");
        cut.FindAll("[data-channel=messenger] a").Should().BeEmpty("a messenger handle is text only");
        cut.Find("[data-channel=messenger]").TextContent.Should().Be("mina.kakao");
        var linkedIn = cut.Find("[data-channel=linkedin] a");
        linkedIn.GetAttribute("href").Should().Be("https://www.linkedin.com/in/mina");
        linkedIn.GetAttribute("rel").Should().Contain("noopener").And.Contain("noreferrer");
    }

    [Fact]
    public void Render_ValuesWithMarkupOrHeaders_TextOnlyAndEscaped()
    {
        using var ctx = ComponentContext.Create();
        var contact = ContactDetails.Create("x?cc=boss&body=hi@example.org", null, "<img src=x onerror=alert(1)>", null);

        var cut = ctx.Render<ChannelValues>(p => p.Add(c => c.Contact, contact));

        cut.FindAll("a").Should().BeEmpty("an address with '?' or '&' could add mail headers");
        cut.Find("[data-channel=email]").TextContent.Trim().Should().Be("x?cc=boss&body=hi@example.org");
        cut.FindAll("img").Should().BeEmpty();
        cut.Find("[data-channel=messenger]").TextContent.Should().Be("<img src=x onerror=alert(1)>");
    }

    [Fact]
    public void Render_OnlyTheRevealedChannels()
    {
        using var ctx = ComponentContext.Create();
        var contact = ContactDetails.Create("mina@example.org", "010 1234 5678", "mina.kakao", null).Only(ContactChannels.Phone);

        var cut = ctx.Render<ChannelValues>(p => p.Add(c => c.Contact, contact));

        cut.FindAll("dd").Should().ContainSingle().Which.GetAttribute("data-channel").Should().Be("phone");
        cut.Markup.Should().NotContain("mina@example.org").And.NotContain("mina.kakao");
    }

    [Fact]
    public void Render_Nothing_SaysSoInKorean()
    {
        using var ctx = ComponentContext.Create("ko");

        var cut = ctx.Render<ChannelValues>(p => p.Add(c => c.Contact, ContactDetails.None));

        cut.FindAll("dd").Should().BeEmpty();
        cut.Markup.Should().Contain("지금은 보여 줄 채널이 없어요.");
    }

    [Theory]
    [InlineData("mina@example.org", "mailto:mina@example.org")]
    [InlineData("mina+events@mail.example.co.kr", "mailto:mina+events@mail.example.co.kr")]
    [InlineData("mina@example.org?subject=x", null)]
    [InlineData("\"mina\"@example.org", null)]
    [InlineData("미나@example.org", null)]
    public void MailTo_OnlyPlainAddresses(string email, string? expected) => ContactLinks.MailTo(email).Should().Be(expected);

    [Theory]
    [InlineData("+82 10-1234-5678", "tel:+821012345678")]
    [InlineData("(02) 123 4567", "tel:021234567")]
    [InlineData("010-1234-5678;ext=1", null)]
    [InlineData("call me", null)]
    public void Tel_DigitsOnly(string phone, string? expected) => ContactLinks.Tel(phone).Should().Be(expected);

    [Theory]
    [InlineData("https://www.linkedin.com/in/mina", "https://www.linkedin.com/in/mina")]
    [InlineData("https://kr.linkedin.com/in/mina", "https://kr.linkedin.com/in/mina")]
    [InlineData("https://linkedin.com/in/mina", "https://linkedin.com/in/mina")]
    [InlineData("http://www.linkedin.com/in/mina", null)]
    [InlineData("https://linkedin.com.evil.example/in/mina", null)]
    [InlineData("https://evillinkedin.com/in/mina", null)]
    [InlineData("https://user@www.linkedin.com/in/mina", null)]
    [InlineData("https://www.linkedin.com:8443/in/mina", null)]
    [InlineData("javascript:alert(1)//www.linkedin.com", null)]
    public void LinkedIn_OnlyHttpsOnLinkedInDotCom(string url, string? expected) => ContactLinks.LinkedIn(url).Should().Be(expected);
}
