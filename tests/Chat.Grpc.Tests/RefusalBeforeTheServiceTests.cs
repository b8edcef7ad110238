using System.Diagnostics.Metrics;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Chat.Gateway.Grpc;
using Chat.Gateway.Observability;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Grpc.Tests;

/// <summary>
/// Calls refused by middleware before they reach a service (authorization, the credentials rate limit) still answer
/// as gRPC: HTTP 200 with the status and a readable message, whatever HTTP status the host's own handler chose.
/// </summary>
public sealed class RefusalBeforeTheServiceTests
{
    private static readonly GatewayMetrics Metrics =
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    [Theory]
    [InlineData(StatusCodes.Status401Unauthorized, "16")]
    [InlineData(StatusCodes.Status403Forbidden, "7")]
    [InlineData(StatusCodes.Status503ServiceUnavailable, "14")]
    public async Task TheHostsChallengeBecomesTheMatchingGrpcStatus(int hostStatus, string grpcStatus)
    {
        var context = GrpcRequest("application/grpc", new ChallengeAnswering(hostStatus, body: "{\"title\":\"problem details\"}"));
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        var refusal = hostStatus == StatusCodes.Status403Forbidden
            ? PolicyAuthorizationResult.Forbid()
            : PolicyAuthorizationResult.Challenge();

        await new GrpcAuthorizationResultHandler(Metrics).HandleAsync(_ => Task.CompletedTask, context, policy, refusal);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/grpc", context.Response.ContentType);
        Assert.Equal(grpcStatus, context.Response.Headers["grpc-status"]);
        Assert.NotEmpty(context.Response.Headers["grpc-message"].ToString());
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task AGrpcWebCallIsAnsweredInGrpcWeb()
    {
        var context = GrpcRequest("application/grpc-web-text", new ChallengeAnswering(StatusCodes.Status401Unauthorized, body: ""));

        await new GrpcAuthorizationResultHandler(Metrics).HandleAsync(
            _ => Task.CompletedTask, context, new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build(), PolicyAuthorizationResult.Challenge());

        Assert.Equal(("application/grpc-web-text", "16"), (context.Response.ContentType, context.Response.Headers["grpc-status"].ToString()));
    }

    [Fact]
    public async Task OtherRequestsKeepTheHostsAnswer()
    {
        var context = GrpcRequest("application/json", new ChallengeAnswering(StatusCodes.Status401Unauthorized, body: ""));

        await new GrpcAuthorizationResultHandler(Metrics).HandleAsync(
            _ => Task.CompletedTask, context, new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build(), PolicyAuthorizationResult.Challenge());

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("grpc-status"));
    }

    [Fact]
    public async Task TheCredentialsRateLimitIsResourceExhaustedWithARetryHint()
    {
        var hostCalled = false;
        var options = new RateLimiterOptions { OnRejected = (_, _) => { hostCalled = true; return ValueTask.CompletedTask; } };
        new GrpcRateLimitRejection(Metrics).PostConfigure(Options.DefaultName, options);
        var context = GrpcRequest("application/grpc", authentication: null);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;

        await options.OnRejected!(new OnRejectedContext { HttpContext = context, Lease = new RefusedLease(TimeSpan.FromSeconds(2)) }, CancellationToken.None);

        Assert.False(hostCalled);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("8", context.Response.Headers["grpc-status"]);
        Assert.Equal("2000", context.Response.Headers[ChatStatusCodes.RetryPushbackTrailer]);
    }

    [Fact]
    public async Task TheRateLimitOfOtherRequestsIsTheHostsAnswer()
    {
        var hostCalled = false;
        var options = new RateLimiterOptions { OnRejected = (_, _) => { hostCalled = true; return ValueTask.CompletedTask; } };
        new GrpcRateLimitRejection(Metrics).PostConfigure(Options.DefaultName, options);

        await options.OnRejected!(new OnRejectedContext { HttpContext = GrpcRequest("application/json", null), Lease = new RefusedLease(null) }, CancellationToken.None);

        Assert.True(hostCalled);
    }

    private static DefaultHttpContext GrpcRequest(string contentType, IAuthenticationService? authentication)
    {
        var services = new ServiceCollection();
        if (authentication is not null)
        {
            services.AddSingleton(authentication);
        }
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Request.ContentType = contentType;
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Authentication whose challenge or forbid answers as a host would: a status and perhaps a body.</summary>
    private sealed class ChallengeAnswering(int status, string body) : IAuthenticationService
    {
        public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => AnswerAsync(context);

        public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => AnswerAsync(context);

        public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) => Task.FromResult(AuthenticateResult.NoResult());

        public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties) => throw new NotSupportedException();

        public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => throw new NotSupportedException();

        private async Task AnswerAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(body);
        }
    }

    private sealed class RefusedLease(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
