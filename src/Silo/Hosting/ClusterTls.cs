using System.Security.Cryptography.X509Certificates;
using Chat.ServiceDefaults.Secrets;
using Orleans.Connections.Security;

namespace Chat.Silo.Hosting;

/// <summary>Mutual TLS on the silo's ports (silo-to-silo and the client gateway) when <see cref="ClusterTlsOptions"/> names a certificate.</summary>
public static class ClusterTls
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var tls = ClusterTlsOptions.Read(configuration);
        if (!tls.Enabled)
        {
            return silo;
        }
        var certificate = tls.LoadCertificate();
        return silo.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, _) => ClusterTlsOptions.IsClusterCertificate(certificate, remote);
            options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        });
    }
}
