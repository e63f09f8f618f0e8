using System.Security.Cryptography;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>
/// User names for accounts made by a join link. They are random, not derived from the person's id: ids appear in
/// places a stranger can see, and a name anyone can work out is the first half of a password guess (ADR 0005).
/// </summary>
public static class GuestUserNames
{
    public const string Prefix = "guest-";

    /// <summary>Lower-case RFC 4648 base32: no 0/1/8/9, so nothing to confuse when typed from another screen.</summary>
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>16 characters of 5 bits each: 80 random bits.</summary>
    public const int TokenLength = 16;

    /// <summary>A new user name such as <c>guest-k3v7qmw2p4xtbn6a</c>, from the operating system's cryptographic generator.</summary>
    public static string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, TokenLength);
}
