using SharedTls = Chat.ServiceDefaults.Secrets.ClusterTls;

namespace Chat.Gateway.Hosting;

/// <summary>The gateway's side of the cluster's mutual TLS: certificate and checks come from <see cref="SharedTls"/>.</summary>
public static class ClusterTls
{
    public static IClientBuilder UseClusterTls(this IClientBuilder client, IConfiguration configuration) =>
        SharedTls.LoadCertificate(configuration) is { } certificate
            ? client.UseTls(certificate, SharedTls.Configure(certificate))
            : client;
}
