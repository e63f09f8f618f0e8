namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>What PasskeySubmit posts: the browser's credential, or an error code from the ceremony.</summary>
public sealed class PasskeyInput
{
    /// <summary>The error codes the script sends; anything else is treated as "failed".</summary>
    private static readonly string[] KnownErrors = ["not-allowed", "already-registered", "unsupported", "security", "failed"];

    public string? CredentialJson { get; set; }

    public string? Error { get; set; }

    /// <summary>The resource key of the message for <see cref="Error"/>.</summary>
    public string ErrorKey => "Passkey.Error." + (KnownErrors.Contains(Error) ? Error : "failed");
}

/// <summary>The passkey ceremony a PasskeySubmit button runs.</summary>
public enum PasskeyOperation
{
    Create = 0,
    Request = 1,
}
