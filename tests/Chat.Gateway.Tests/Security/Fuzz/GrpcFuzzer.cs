using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Chat.Gateway.Tests.Support;

namespace Chat.Gateway.Tests.Security.Fuzz;

/// <summary>
/// gRPC inputs below the generated client: raw HTTP/2 calls whose length-prefixed frames are malformed (truncated,
/// a declared length larger than sent, the compressed flag on plain data, random protobuf, invalid UTF-8 or hostile
/// strings in string fields). Each must end with a grpc-status other than OK, UNKNOWN (2) or INTERNAL (13).
/// </summary>
public sealed class GrpcFuzzer(Uri address, string token, int seed, Action<string?> record)
{
    private static readonly string[] Methods =
    [
        "/chat.v1.ChatService/SendMessage", "/chat.v1.ChatService/GetMessages", "/chat.v1.ChatService/GetOnlineUsers",
        "/chat.v1.UserService/UpdateUser", "/chat.v1.UserService/CreateUser", "/chat.v1.UserService/Login",
    ];

    private readonly HostileInputs _inputs = new(seed * 31 + 303);

    public async Task RunAsync(int count, string roomId)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = Wait.Timeout };
        for (var i = 0; i < count; i++)
        {
            var method = _inputs.Pick(Methods);
            var (frame, described) = Frame(roomId);
            using var content = new ByteArrayContent(frame);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            using var request = new HttpRequestMessage(HttpMethod.Post, method)
            {
                Content = content,
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.TryAddWithoutValidation("te", "trailers");
            record(await FailureAsync(http, request, $"{method} {described}"));
        }
    }

    private static async Task<string?> FailureAsync(HttpClient http, HttpRequestMessage request, string described)
    {
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = Header(response, "grpc-status");
            return status switch
            {
                null => $"gRPC HTTP {(int)response.StatusCode} without grpc-status ({response.Version}, {Encoding.UTF8.GetString(body[..Math.Min(200, body.Length)])}) for {described}",
                "0" or "2" or "13" => $"gRPC status {status} ({Header(response, "grpc-message")}) for {described}",
                _ => null,
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return $"gRPC {exception.GetType().Name} ({exception.Message}) for {described}";
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var values) || response.Headers.TryGetValues(name, out values) ? values.First() : null;

    private (byte[] Frame, string Described) Frame(string roomId)
    {
        switch (_inputs.Next(7))
        {
            case 0:
                var payload = _inputs.RandomBytes(1 + _inputs.Next(256));
                return (Prefix(payload, payload.Length, compressed: false), "random protobuf");
            case 1:
                var full = Prefix(StringField(1, "room"), 6, compressed: false);
                return (full[..(1 + _inputs.Next(full.Length - 1))], "truncated frame");
            case 2:
                return (Prefix(StringField(1, roomId), 1 << 30, compressed: false), "declared length 1 GiB");
            case 3:
                return (Prefix(StringField(1, roomId), -1, compressed: true), "compressed flag on plain data");
            case 4:
                var invalid = new List<byte> { 0x0A, 4, 0xC3, 0x28, 0xFF, 0x80 };
                return (Prefix([.. invalid], invalid.Count, compressed: false), "invalid UTF-8 in a string field");
            case 5:
                var hostile = _inputs.Pick(["", "a\u202Eb", "\u0000", new string('z', 70_000), "ROOM", "../etc"]);
                var fields = StringField(1, hostile).Concat(StringField(2, hostile)).Concat(StringField(3, hostile)).ToArray();
                return (Prefix(fields, fields.Length, compressed: false), $"hostile strings ({(hostile.Length > 20 ? $"{hostile.Length} chars" : hostile)})");
            default:
                // A valid room id with a wrong wire type for content (varint where a string belongs), then garbage.
                var wrong = StringField(1, roomId).Concat(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }).ToArray();
                return (Prefix(wrong, wrong.Length, compressed: false), "wrong wire type / varint overflow");
        }
    }

    private static byte[] Prefix(byte[] payload, int declared, bool compressed)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), declared < 0 ? payload.Length : declared);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static byte[] StringField(int number, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var result = new List<byte> { (byte)(number << 3 | 2) };
        var length = (uint)bytes.Length;
        while (length >= 0x80)
        {
            result.Add((byte)(length | 0x80));
            length >>= 7;
        }
        result.Add((byte)length);
        result.AddRange(bytes);
        return [.. result];
    }
}
