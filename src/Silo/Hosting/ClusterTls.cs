using SharedTls = Chat.ServiceDefaults.Secrets.ClusterTls;

namespace Chat.Silo.Hosting;

/// <summary>Mutual TLS on the silo's ports (silo-to-silo and the client gateway): certificate and checks come from <see cref="SharedTls"/>.</summary>
public static class ClusterTls
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, IConfiguration configuration) =>
        SharedTls.LoadCertificate(configuration) is { } certificate
            ? silo.UseTls(certificate, SharedTls.Configure(certificate))
            : silo;
}
