using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Frozen;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Grpc;

/// <summary>
/// Checks the one length-prefixed request message of a chat.v1 call before gRPC reads it, and answers a malformed one
/// with INVALID_ARGUMENT (trailers-only) instead of what the framework would say: INTERNAL for an incomplete frame or a
/// compressed flag without <c>grpc-encoding</c>, UNKNOWN for bytes that are not the method's protobuf message. Those
/// codes mean "our bug" to clients and alerts; a malformed request is the caller's. Frames larger than
/// <see cref="ChatGrpcOptions.MaxReceiveMessageSize"/> and compressed frames are left to gRPC (RESOURCE_EXHAUSTED,
/// decompression). The body is buffered, so gRPC then reads the same bytes.
/// </summary>
internal static class GrpcRequestFrameCheck
{
    private const int HeaderBytes = 5;

    private static readonly FrozenDictionary<string, MessageParser> Parsers = Chat.Grpc.V1.ChatReflection.Descriptor.Services
        .SelectMany(service => service.Methods.Select(method => (Path: $"/{service.FullName}/{method.Name}", method.InputType.Parser)))
        .ToFrozenDictionary(entry => entry.Path, entry => entry.Parser, StringComparer.Ordinal);

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var contentType = GrpcTrailersOnly.ResponseContentType(request);
        if (!HttpMethods.IsPost(request.Method)
            || contentType is not ("application/grpc" or "application/grpc-web")
            || !Parsers.TryGetValue(request.Path.Value ?? "", out var parser))
        {
            await next(context);
            return;
        }
        var limit = context.RequestServices.GetRequiredService<IOptions<ChatGrpcOptions>>().Value.MaxReceiveMessageSize;
        // Reads at most one byte past the largest accepted frame: a bigger body is left unread for gRPC to refuse.
        var buffer = ArrayPool<byte>.Shared.Rent(HeaderBytes + limit + 1);
        try
        {
            request.EnableBuffering(bufferThreshold: HeaderBytes + limit + 1);
            var length = 0;
            while (length < HeaderBytes + limit + 1
                && await request.Body.ReadAsync(buffer.AsMemory(length, HeaderBytes + limit + 1 - length), context.RequestAborted) is var read and > 0)
            {
                length += read;
            }
            request.Body.Position = 0;
            if (Problem(buffer.AsSpan(0, length), request, parser, limit) is { } problem)
            {
                GrpcTrailersOnly.Write(context.Response, contentType, StatusCode.InvalidArgument, problem);
                return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await next(context);
    }

    /// <summary>Why the buffered request is malformed, or null to let gRPC handle it.</summary>
    private static string? Problem(ReadOnlySpan<byte> frame, HttpRequest request, MessageParser parser, int limit)
    {
        if (frame.Length < HeaderBytes)
        {
            return "The request is not a complete gRPC message (its 5-byte header is cut short).";
        }
        var declared = BinaryPrimitives.ReadUInt32BigEndian(frame[1..]);
        if (frame[0] > 1)
        {
            return "The request's compressed flag must be 0 or 1.";
        }
        if (frame[0] == 1)
        {
            var encoding = request.Headers["grpc-encoding"].ToString();
            return encoding is "" or "identity" ? "The request is marked compressed but names no grpc-encoding." : null;
        }
        if (declared > limit || frame.Length > HeaderBytes + limit)
        {
            return null;
        }
        if (frame.Length - HeaderBytes != declared)
        {
            return $"The request message declares {declared} bytes but carries {frame.Length - HeaderBytes}.";
        }
        try
        {
            parser.ParseFrom(frame[HeaderBytes..]);
            return null;
        }
        catch (InvalidProtocolBufferException exception)
        {
            return $"The request is not a valid protobuf message: {exception.Message}";
        }
    }
}
