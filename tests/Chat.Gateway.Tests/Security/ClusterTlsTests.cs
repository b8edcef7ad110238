using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Chat.ServiceDefaults.Secrets;
using Chat.Silo;
using Chat.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chat.Gateway.Tests.Security;

/// <summary>
/// Orleans traffic between silos and from gateways under mutual TLS with the cluster certificate: a whole chat works
/// through it, and a peer with any other certificate is not accepted. Off unless configured. In the chat cluster's
/// collection so that its extra gateway never runs beside the tests that read the shared gateway's metrics (meters
/// are named per process).
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private const string Password = "pfx-password-for-tests";
    private readonly string _directory = Directory.CreateTempSubdirectory("chat-tls-").FullName;
    private readonly List<WebApplication> _hosts = [];

    [Fact]
    public async Task AGatewayAndASiloSharingTheClusterCertificateServeAChat()
    {
        var certificate = WriteCertificate("cluster.pfx");
        var gatewayPort = TestInfrastructure.FreePort();
        var clusterId = TestInfrastructure.NewClusterId();
        await StartAsync(SiloApp.Build(SiloApp.CreateBuilder([], builder => Isolated(builder).Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MySql"] = "",
            ["ConnectionStrings:Redis"] = "",
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:SiloPort"] = TestInfrastructure.FreePort().ToString(),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(),
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{TestInfrastructure.FreePort()}",
            ["Orleans:Tls:CertificatePath"] = certificate,
            ["Orleans:Tls:CertificatePassword"] = Password,
        }))));
        var http = new Uri($"http://127.0.0.1:{TestInfrastructure.FreePort()}");
        await StartAsync(GatewayApp.Configure(GatewayApp.CreateBuilder([], builder => Isolated(builder).Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = "",
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:GatewayPort"] = gatewayPort.ToString(),
            ["Kestrel:Endpoints:Http:Url"] = http.ToString(),
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{TestInfrastructure.FreePort()}",
            ["PasswordHashing:Iterations"] = "1000",
            ["Orleans:Tls:CertificatePath"] = certificate,
            ["Orleans:Tls:CertificatePassword"] = Password,
        })).Build()));
        using var client = new HttpClient { BaseAddress = http };

        using var registered = await client.PostAsJsonAsync("/users/register",
            new { username = "tls_user", email = "tls@example.test", password = ChatCluster.Password });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        // And the silo's client gateway port really speaks TLS, presenting the cluster certificate.
        using var expected = X509CertificateLoader.LoadPkcs12FromFile(certificate, Password);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, gatewayPort);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "chat-cluster",
            ClientCertificates = [expected],
        });
        Assert.True(ClusterTlsOptions.IsClusterCertificate(expected, tls.RemoteCertificate));
    }

    [Fact]
    public void OnlyTheClusterCertificateIsAcceptedFromAPeer()
    {
        using var cluster = X509CertificateLoader.LoadPkcs12FromFile(WriteCertificate("a.pfx"), Password);
        using var same = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_directory, "a.pfx"), Password);
        using var other = X509CertificateLoader.LoadPkcs12FromFile(WriteCertificate("b.pfx"), Password);

        Assert.True(ClusterTlsOptions.IsClusterCertificate(cluster, same));
        Assert.False(ClusterTlsOptions.IsClusterCertificate(cluster, other));
        Assert.False(ClusterTlsOptions.IsClusterCertificate(cluster, null));
    }

    [Fact]
    public void TlsIsOffUnlessACertificateIsConfiguredAndABadFileRefusesToStart()
    {
        Assert.False(ClusterTlsOptions.Read(new ConfigurationBuilder().Build()).Enabled);
        var missing = new ClusterTlsOptions { CertificatePath = Path.Combine(_directory, "missing.pfx") };

        Assert.ThrowsAny<Exception>(() => missing.LoadCertificate());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartAsync(WebApplication host)
    {
        _hosts.Add(host);
        await host.StartAsync();
    }

    /// <summary>A self-signed cluster certificate with its key, as a password-protected PKCS#12 file.</summary>
    private string WriteCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=chat-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("chat-cluster");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    /// <summary>Keeps this host's meters apart from the shared cluster's (see <see cref="IsolatedMeterFactory"/>).</summary>
    private static T Isolated<T>(T builder) where T : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<IMeterFactory, IsolatedMeterFactory>();
        return builder;
    }
}
