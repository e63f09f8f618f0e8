using System.Net;
using FluentAssertions;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Shared;

public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("fe80::1%2", "fe80::/64")]
    [InlineData("::1", "::/64")]
    public void Of_Address_KeyByFullIpv4OrIpv6Slash64(string address, string key) =>
        ClientKey.Of(IPAddress.Parse(address)).Should().Be(key);

    [Fact]
    public void Of_Ipv6_SameSlash64SameKeyOtherSlash64Not()
    {
        ClientKey.Of(IPAddress.Parse("2001:db8:a:b::1")).Should().Be(ClientKey.Of(IPAddress.Parse("2001:db8:a:b:ffff:ffff:ffff:ffff")));
        ClientKey.Of(IPAddress.Parse("2001:db8:a:b::1")).Should().NotBe(ClientKey.Of(IPAddress.Parse("2001:db8:a:c::1")));
    }

    [Fact]
    public void Of_NoAddress_Unknown() => ClientKey.Of((IPAddress?)null).Should().Be(ClientKey.Unknown);
}
