using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Chat.ServiceDefaults.Secrets;

/// <summary>
/// Both ends of the cluster's mutual TLS (<see cref="ClusterTlsOptions"/>): the silo and the gateway's client present
/// the same certificate and accept only that certificate, so the certificate loading and the checks live here once and
/// each host keeps only the call on its own Orleans builder (the silo and client builders share no interface).
/// </summary>
public static class ClusterTls
{
    /// <summary>
    /// The cluster certificate, or null when <c>Orleans:Tls</c> names none (TLS off). A missing or unreadable file
    /// refuses to start with the setting's name.
    /// </summary>
    public static X509Certificate2? LoadCertificate(IConfiguration configuration)
    {
        var tls = ClusterTlsOptions.Read(configuration);
        return tls.Enabled ? tls.LoadCertificate() : null;
    }

    /// <summary>
    /// Requires the peer's certificate, accepts only the cluster's own (pinned by thumbprint), and names the
    /// certificate's DNS name as the target host when this end connects out.
    /// </summary>
    public static Action<TlsOptions> Configure(X509Certificate2 certificate) => options =>
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => ClusterTlsOptions.IsClusterCertificate(certificate, remote);
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
    };
}
