using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Chat.ServiceDefaults.Secrets;

/// <summary>
/// Section <c>Orleans:Tls</c>: mutual TLS between silos and from gateways, off unless <c>CertificatePath</c> is set
/// (the embedded default). Every member of the cluster presents the same certificate (a PKCS#12 file with its private
/// key, mounted from a secret) and accepts a peer only if it presents that very certificate (pinned by thumbprint), so
/// a pod that can reach the silo's ports but lacks the key can neither join nor call grains.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string SectionName = "Orleans:Tls";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public static ClusterTlsOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();

    /// <summary>The cluster certificate; a missing or unreadable file refuses to start with the setting's name.</summary>
    public X509Certificate2 LoadCertificate()
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, CertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"{SectionName}:CertificatePath '{CertificatePath}' has no private key.");
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new InvalidOperationException($"{SectionName}:CertificatePath '{CertificatePath}' is not a readable PKCS#12 file: {exception.Message}", exception);
        }
    }

    /// <summary>True when <paramref name="remote"/> is the cluster's own certificate.</summary>
    public static bool IsClusterCertificate(X509Certificate2 cluster, X509Certificate? remote) =>
        remote is not null && string.Equals(cluster.GetCertHashString(), remote.GetCertHashString(), StringComparison.OrdinalIgnoreCase);
}
