using System.Diagnostics.Metrics;
using Chat.Errors;
using Chat.Gateway.Grpc;
using Chat.Gateway.Observability;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Grpc.Tests;

/// <summary>The gRPC column of the error catalog, as one interceptor applies it to every service.</summary>
public sealed class ErrorTranslationTests
{
    private readonly ChatErrorInterceptor _interceptor = new(
        new GatewayMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
        NullLogger<ChatErrorInterceptor>.Instance);

    public static TheoryData<ChatErrorCode, StatusCode> Catalog => new()
    {
        { ChatErrorCode.BadRequest, StatusCode.InvalidArgument },
        { ChatErrorCode.PayloadTooLarge, StatusCode.InvalidArgument },
        { ChatErrorCode.Unauthorized, StatusCode.Unauthenticated },
        { ChatErrorCode.Forbidden, StatusCode.PermissionDenied },
        { ChatErrorCode.NotFound, StatusCode.NotFound },
        { ChatErrorCode.Conflict, StatusCode.AlreadyExists },
        { ChatErrorCode.RateLimited, StatusCode.ResourceExhausted },
        { ChatErrorCode.Unavailable, StatusCode.Unavailable },
        { ChatErrorCode.Internal, StatusCode.Internal },
    };

    [Fact]
    public void EveryCodeOfTheCatalogHasAStatus()
    {
        var covered = Catalog.Select(row => (ChatErrorCode)row[0]).ToHashSet();
        Assert.Equal(Enum.GetValues<ChatErrorCode>().ToHashSet(), covered);
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public async Task AUnaryRefusalBecomesItsStatusWithTheReadableMessage(ChatErrorCode code, StatusCode expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new FakeServerCallContext(), (_, _) => throw new ChatException(code, "Readable reason.")));

        Assert.Equal(expected, error.StatusCode);
        Assert.Equal("Readable reason.", error.Status.Detail);
    }

    [Theory]
    [MemberData(nameof(Catalog))]
    public async Task AStreamingRefusalBecomesItsStatusWithTheReadableMessage(ChatErrorCode code, StatusCode expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ServerStreamingServerHandler<string, string>(
            "request", new NullStreamWriter(), new FakeServerCallContext(), (_, _, _) => throw new ChatException(code, "Readable reason.")));

        Assert.Equal(expected, error.StatusCode);
        Assert.Equal("Readable reason.", error.Status.Detail);
    }

    [Fact]
    public async Task ARateLimitTellsWhenToRetry()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new FakeServerCallContext(),
            (_, _) => throw new ChatException(ChatErrorCode.RateLimited, "Slow down.", TimeSpan.FromMilliseconds(1500))));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("1500", error.Trailers.GetValue(ChatStatusCodes.RetryPushbackTrailer));
    }

    [Fact]
    public async Task AnUnexpectedFailureIsInternalWithoutItsDetails()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new FakeServerCallContext(), (_, _) => throw new InvalidOperationException("connection string with a password")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("password", error.Status.Detail);
    }

    [Fact]
    public async Task AClusterThatDoesNotAnswerIsUnavailable()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new FakeServerCallContext(), (_, _) => throw new TimeoutException("Response did not arrive on time")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task AStatusRaisedByAServicePassesUnchanged()
    {
        var raised = new RpcException(new Status(StatusCode.ResourceExhausted, "Fell behind."));

        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ServerStreamingServerHandler<string, string>(
            "request", new NullStreamWriter(), new FakeServerCallContext(), (_, _, _) => throw raised));

        Assert.Same(raised, error);
    }

    private sealed class NullStreamWriter : IServerStreamWriter<string>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(string message) => Task.CompletedTask;
    }

    private sealed class FakeServerCallContext : ServerCallContext
    {
        protected override string MethodCore => "/chat.v1.Test/Method";
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore { get; } = new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
            throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
