using System.Net;
using System.Net.Sockets;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// The one place that turns a request into the key that address-based limits count against (joins, sign-ins,
/// anonymous POSTs). The address is the one the forwarded-headers middleware settled on: the TCP peer, or the
/// client that a trusted proxy names (see <c>ReverseProxy</c> in Hosting). Every caller goes through here, so
/// the limits can never disagree about who a client is.
/// </summary>
public static class ClientKey
{
    /// <summary>The key of a request without a peer address (the in-memory test server).</summary>
    public const string Unknown = "unknown";

    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    /// <summary>
    /// An IPv4 address is its own key. An IPv6 address counts by its /64: a home line or a phone gets a whole /64
    /// and picks new addresses in it at will (privacy extensions), so a full-address key would hand anyone a fresh
    /// bucket per request. An IPv4-mapped IPv6 address (::ffff:203.0.113.7, what a dual-stack socket reports for an
    /// IPv4 peer) is the IPv4 address, so one client never has two keys.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        // A new address: the scope id (%eth0) of a link-local peer is not part of the key.
        return $"{new IPAddress(bytes)}/64";
    }
}
