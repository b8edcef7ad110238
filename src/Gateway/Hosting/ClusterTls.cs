using System.Security.Cryptography.X509Certificates;
using Chat.ServiceDefaults.Secrets;
using Orleans.Connections.Security;

namespace Chat.Gateway.Hosting;

/// <summary>The gateway's side of the cluster's mutual TLS (<see cref="ClusterTlsOptions"/>): it presents and expects the cluster certificate.</summary>
public static class ClusterTls
{
    public static IClientBuilder UseClusterTls(this IClientBuilder client, IConfiguration configuration)
    {
        var tls = ClusterTlsOptions.Read(configuration);
        if (!tls.Enabled)
        {
            return client;
        }
        var certificate = tls.LoadCertificate();
        return client.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, _) => ClusterTlsOptions.IsClusterCertificate(certificate, remote);
            options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        });
    }
}
