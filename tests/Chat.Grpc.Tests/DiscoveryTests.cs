using System.Net;
using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Grpc.Reflection.V1Alpha;

namespace Chat.Grpc.Tests;

/// <summary>What tools and browsers rely on: server reflection, the standard health service, gRPC-Web with CORS.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class DiscoveryTests(GrpcCluster grpc)
{
    private const string FrontEndOrigin = "http://localhost:5173";

    [Fact]
    public async Task ReflectionListsTheChatServices()
    {
        var reflection = new ServerReflection.ServerReflectionClient(grpc.Channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Wait.Timeout));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(service => service.Name).ToList();
        Assert.Contains("chat.v1.UserService", services);
        Assert.Contains("chat.v1.ChatService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Theory]
    [InlineData("")]
    [InlineData("chat.v1.ChatService")]
    [InlineData("chat.v1.UserService")]
    public async Task HealthReportsServingWithoutAToken(string service)
    {
        var health = new Health.HealthClient(grpc.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task BrowsersReachTheServicesOverGrpcWebOnTheHttpEndpoint()
    {
        var user = await grpc.NewUserAsync();
        using var channel = GrpcChannel.ForAddress(grpc.Cluster.HttpBaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var users = new UserService.UserServiceClient(channel);

        var login = await users.LoginAsync(new LoginRequest { Username = user.Username, Password = Chat.Testing.ChatCluster.Password });
        var refused = await Assert.ThrowsAsync<RpcException>(() => users.GetUserAsync(new GetUserRequest()).ResponseAsync);

        Assert.Equal(user.Id, login.User.Id);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task TheFrontEndsDevServerMayCallAndReadTheStatus()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/chat.v1.ChatService/SendMessage");
        preflight.Headers.Add("Origin", FrontEndOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-grpc-web");
        using var call = new HttpRequestMessage(HttpMethod.Post, "/chat.v1.ChatService/SendMessage") { Content = new ByteArrayContent(new byte[5]) };
        call.Headers.Add("Origin", FrontEndOrigin);
        call.Content.Headers.ContentType = new("application/grpc-web+proto");

        using var preflightResponse = await grpc.Cluster.Http.SendAsync(preflight);
        using var callResponse = await grpc.Cluster.Http.SendAsync(call);

        Assert.True(preflightResponse.IsSuccessStatusCode);
        Assert.Equal(FrontEndOrigin, preflightResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", preflightResponse.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal(FrontEndOrigin, callResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = callResponse.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("grpc-status", exposed);
        Assert.Contains("grpc-message", exposed);
        Assert.Equal("16", callResponse.Headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task OtherOriginsAreNotAllowed()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/chat.v1.ChatService/SendMessage");
        preflight.Headers.Add("Origin", "http://attacker.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await grpc.Cluster.Http.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
