using System.Buffers.Text;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>Passkey credential ids as they travel in addresses and forms (base64url).</summary>
internal static class PasskeyIds
{
    /// <summary>WebAuthn credential ids are at most 1023 bytes, so at most 1364 base64url characters.</summary>
    private const int MaxEncodedLength = 1364;

    public static byte[]? Decode(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded) || encoded.Length > MaxEncodedLength)
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(encoded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
