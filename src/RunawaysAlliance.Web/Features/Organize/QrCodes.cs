using QRCoder;

namespace RunawaysAlliance.Web.Features.Organize;

/// <summary>QR codes for join links, as PNG data URIs (allowed by the CSP's img-src data:).</summary>
public static class QrCodes
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
