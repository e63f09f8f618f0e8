using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunawaysAlliance.Data;

/// <summary>
/// The <c>DataProtection:Certificate</c> configuration section: the certificate whose public key encrypts the Data
/// Protection keys before they are stored, and whose private key decrypts them. Either a PKCS#12 file
/// (<see cref="Path"/> + <see cref="Password"/>) or a certificate in the current user's or the machine's "My" store
/// (<see cref="Thumbprint"/>).
/// </summary>
public sealed class DataProtectionCertificateOptions
{
    public const string Section = "DataProtection:Certificate";

    public string? Path { get; set; }

    public string? Password { get; set; }

    public string? Thumbprint { get; set; }
}

/// <summary>
/// Data Protection (cookies, antiforgery tokens) with its keys in the database, so that every instance reads the
/// same cookies. Anyone who can read the keys can forge a sign-in cookie for any account, so with a certificate
/// configured each key is stored encrypted (XML encryption to the certificate); without one the keys stay plain,
/// which is fine for the embedded store on one machine and earns a warning at start-up in Production.
/// </summary>
internal static class DataProtectionKeys
{
    public static IHostApplicationBuilder AddRunawaysDataProtection(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataProtection = services.AddDataProtection().SetApplicationName("RunawaysAlliance");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<AppDbContext>>())));

        var options = builder.Configuration.GetSection(DataProtectionCertificateOptions.Section).Get<DataProtectionCertificateOptions>();
        var certificate = LoadCertificate(options);
        if (certificate is not null)
        {
            // Also registers the certificate for decryption: keys written with it can be read back.
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        services.AddHostedService(sp => new KeyEncryptionNotice(
            certificate, sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<ILogger<KeyEncryptionNotice>>()));
        return builder;
    }

    /// <summary>The configured certificate, or null when none is configured; a configured one that cannot be used stops start-up.</summary>
    internal static X509Certificate2? LoadCertificate(DataProtectionCertificateOptions? options)
    {
        X509Certificate2? certificate;
        if (!string.IsNullOrWhiteSpace(options?.Path))
        {
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Path, options.Password);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"{DataProtectionCertificateOptions.Section}:Path \"{options.Path}\" could not be read as a PKCS#12 (.pfx) file with the given password.", ex);
            }
        }
        else if (!string.IsNullOrWhiteSpace(options?.Thumbprint))
        {
            certificate = FindInStores(options.Thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal))
                ?? throw new InvalidOperationException(
                    $"{DataProtectionCertificateOptions.Section}:Thumbprint {options.Thumbprint} is in neither the current user's nor the machine's \"My\" certificate store.");
        }
        else
        {
            return null;
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException(
                $"The Data Protection certificate {certificate.Thumbprint} has no private key: the keys it encrypts could not be read back.");
    }

    private static X509Certificate2? FindInStores(string thumbprint)
    {
        foreach (var location in (ReadOnlySpan<StoreLocation>)[StoreLocation.CurrentUser, StoreLocation.LocalMachine])
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                continue;
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        return null;
    }

    /// <summary>One line at start-up: which certificate encrypts the keys, or a warning in Production that none does.</summary>
    private sealed class KeyEncryptionNotice(X509Certificate2? certificate, IHostEnvironment environment, ILogger<KeyEncryptionNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (certificate is not null)
            {
                logger.LogInformation("Data Protection keys are encrypted with certificate {Thumbprint}, valid until {NotAfter:yyyy-MM-dd}",
                    certificate.Thumbprint, certificate.NotAfter);
            }
            else if (environment.IsProduction())
            {
                logger.LogWarning("Data Protection keys are stored unencrypted: whoever reads them can forge sign-in cookies. " +
                    "Set DataProtection:Certificate:Path and :Password (or :Thumbprint) to encrypt them");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
