using Chat.Contracts.Errors;
using Chat.Errors;
using Chat.Gateway.Errors;
using Chat.Gateway.Grpc;
using Grpc.Core;

namespace Chat.Gateway.Tests.Unit;

/// <summary>The server's side of the error catalog: every code has its row, and the rows say what docs/PROTOCOL.md says.</summary>
public sealed class ErrorCatalogTests
{
    [Fact]
    public void EveryChatErrorCodeHasTheCatalogRowOfItsName()
    {
        foreach (var code in Enum.GetValues<ChatErrorCode>())
        {
            Assert.Equal(code.ToString(), code.Describe().Name);
        }
        Assert.Equal(Enum.GetNames<ChatErrorCode>().Order(), ErrorCatalog.All.Select(row => row.Name).Order());
    }

    [Theory]
    [InlineData(ChatErrorCode.BadRequest, 400, StatusCode.InvalidArgument, "bad_request")]
    [InlineData(ChatErrorCode.Unauthorized, 401, StatusCode.Unauthenticated, "unauthorized")]
    [InlineData(ChatErrorCode.Forbidden, 403, StatusCode.PermissionDenied, "forbidden")]
    [InlineData(ChatErrorCode.NotFound, 404, StatusCode.NotFound, "not_found")]
    [InlineData(ChatErrorCode.Conflict, 409, StatusCode.AlreadyExists, "conflict")]
    [InlineData(ChatErrorCode.RateLimited, 429, StatusCode.ResourceExhausted, "rate_limited")]
    [InlineData(ChatErrorCode.Unavailable, 503, StatusCode.Unavailable, "unavailable")]
    [InlineData(ChatErrorCode.Internal, 500, StatusCode.Internal, "internal")]
    [InlineData(ChatErrorCode.PayloadTooLarge, 413, StatusCode.InvalidArgument, "bad_request")]
    public void EachCodeReadsOnEveryTransportAsTheProtocolSays(ChatErrorCode code, int httpStatus, StatusCode grpcStatus, string wireCode)
    {
        var row = code.Describe();

        Assert.Equal(httpStatus, row.HttpStatus);
        Assert.Equal(grpcStatus, row.ToStatusCode());
        Assert.Equal(wireCode, row.WireCode);
        Assert.Equal(grpcStatus, new ChatException(code, "why").ToRpcException().StatusCode);
    }

    [Fact]
    public void AnUnreachableClusterIsUnavailableWithTheCatalogsMessage()
    {
        var error = ChatFaults.Classify(new TimeoutException("no answer"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.Equal(ChatErrorCode.Unavailable, error.Code);
        Assert.Equal(ErrorCatalog.Unavailable.DefaultMessage, error.Message);
    }
}
