using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RunawaysAlliance.Web.Tests.Accounts;

/// <summary>
/// A passkey authenticator in software (ES256, user present and verified), enough to sign in over HTTP the way
/// a browser does: ask /account/passkey-request-options for a challenge, sign it, post the credential.
/// </summary>
internal sealed class SoftwarePasskey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private uint _signCount;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>Stores this passkey on the account, as a successful registration would.</summary>
    public async Task AddToAsync(WebApplicationFactory<Program> factory, Guid userId)
    {
        var saved = await TestAccounts.WithUsersAsync(factory, async users =>
        {
            var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
            var passkey = new UserPasskeyInfo(CredentialId, CosePublicKey(), DateTimeOffset.UtcNow, signCount: 0, transports: ["internal"],
                isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [], clientDataJson: []);
            return await users.AddOrUpdatePasskeyAsync(user, passkey);
        });
        if (!saved.Succeeded)
        {
            throw new InvalidOperationException(string.Join(", ", saved.Errors.Select(e => e.Code)));
        }
    }

    /// <summary>Signs in with this passkey through the sign-in page's form, as PasskeySubmit.razor.js does.</summary>
    public async Task<Loaded> SignInAsync(AccountBrowser browser, Guid userId, string returnUrl)
    {
        var signInPage = await browser.GetAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var button = signInPage.Page.QuerySelector("passkey-submit") ?? throw new InvalidOperationException("No passkey button.");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/passkey-request-options");
        request.Headers.Add(button.GetAttribute("request-token-name")!, button.GetAttribute("request-token-value"));
        using var options = await browser.Client.SendAsync(request, AccountBrowser.Ct);
        options.EnsureSuccessStatusCode();
        var credentialJson = AssertionFor(await options.Content.ReadAsStringAsync(AccountBrowser.Ct), "http://localhost", userId);
        return await browser.SubmitAsync(signInPage, "[data-testid=sign-in-form]", new Dictionary<string, string>
        {
            ["Input.Passkey.CredentialJson"] = credentialJson,
        });
    }

    /// <summary>The credential JSON a browser posts after navigator.credentials.get() for these options.</summary>
    public string AssertionFor(string requestOptionsJson, string origin, Guid userId)
    {
        using var options = JsonDocument.Parse(requestOptionsJson);
        var challenge = options.RootElement.GetProperty("challenge").GetString();
        var rpId = options.RootElement.GetProperty("rpId").GetString()!;
        var clientData = JsonSerializer.SerializeToUtf8Bytes(new { type = "webauthn.get", challenge, origin, crossOrigin = false });

        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, ++_signCount);
        // Flags: user present (0x01) and user verified (0x04); not backup eligible.
        byte[] authenticatorData = [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), 0x05, .. counter];
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var id = Base64Url.EncodeToString(CredentialId);
        return JsonSerializer.Serialize(new
        {
            id,
            rawId = id,
            type = "public-key",
            authenticatorAttachment = "platform",
            clientExtensionResults = new { },
            response = new
            {
                authenticatorData = Base64Url.EncodeToString(authenticatorData),
                clientDataJSON = Base64Url.EncodeToString(clientData),
                signature = Base64Url.EncodeToString(signature),
                userHandle = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(userId.ToString())),
            },
        });
    }

    public void Dispose() => _key.Dispose();

    // COSE_Key (RFC 9053) in canonical CBOR: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
    private byte[] CosePublicKey()
    {
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        return [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, .. point.X!, 0x22, 0x58, 0x20, .. point.Y!];
    }
}
