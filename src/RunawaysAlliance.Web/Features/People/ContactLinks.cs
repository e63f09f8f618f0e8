using System.Text.RegularExpressions;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>
/// Links for revealed contact channels, only where the value cannot turn into something else: a plain address
/// for mailto:, digits for tel:, an https LinkedIn address. Anything else is shown as text only.
/// </summary>
public static partial class ContactLinks
{
    /// <summary>mailto: for a plain address (no '?', '&amp;', '%', quotes or spaces that could add headers), else null.</summary>
    public static string? MailTo(string? email) =>
        email is not null && PlainEmail().IsMatch(email) ? "mailto:" + email : null;

    /// <summary>tel: with the digits (and a leading '+') of a phone number, else null.</summary>
    public static string? Tel(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || !PhoneShape().IsMatch(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 4 and <= 20 ? "tel:" + (phone.TrimStart().StartsWith('+') ? "+" : string.Empty) + digits : null;
    }

    /// <summary>The address itself when it is https on linkedin.com or a subdomain of it, else null.</summary>
    public static string? LinkedIn(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps ||
            !string.IsNullOrEmpty(uri.UserInfo) || !uri.IsDefaultPort)
        {
            return null;
        }

        var host = uri.IdnHost;
        return host.Equals("linkedin.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".linkedin.com", StringComparison.OrdinalIgnoreCase)
            ? uri.AbsoluteUri
            : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")]
    private static partial Regex PlainEmail();

    [GeneratedRegex(@"^\+?[0-9 ()\-]{4,32}$")]
    private static partial Regex PhoneShape();
}
