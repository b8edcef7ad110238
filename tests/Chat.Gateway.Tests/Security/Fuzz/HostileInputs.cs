using System.Text;
using System.Text.Json.Nodes;

namespace Chat.Gateway.Tests.Security.Fuzz;

/// <summary>One hostile input: what it is (for the failure report) and its bytes.</summary>
public sealed record HostileInput(string Kind, byte[] Body)
{
    public override string ToString() => $"{Kind}: {Preview(Body)}";

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 120));
        return body.Length > 120 ? $"{text}... ({body.Length} bytes)" : text;
    }
}

/// <summary>
/// Seeded generators of malformed and hostile JSON bodies: the same seed gives the same inputs, so a failure is
/// reproduced with <c>CHAT_FUZZ_SEED</c>. Every input is invalid for the request it is sent with (no generator
/// produces an acceptable request), so the only right answers are clear errors.
/// </summary>
public sealed class HostileInputs(int seed)
{
    /// <summary>Values every invalidated field refuses (empty once trimmed, control or bidi-override characters).</summary>
    private static readonly string[] Hostile = ["", " ", "\t\n", "\u0000", "a\u202Eb", "\u0007\u001B[2J", "x\u2066y\u2069"];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    /// <summary>
    /// A mutation of <paramref name="valid"/> that makes it invalid. <paramref name="invalidate"/> names the fields whose
    /// hostile values the endpoint must refuse (so "unknown field" inputs also carry one refused value).
    /// </summary>
    public HostileInput Mutate(JsonObject valid, string[] invalidate)
    {
        var json = valid.ToJsonString();
        switch (_random.Next(10))
        {
            case 0:
                var cut = 1 + _random.Next(Math.Max(1, json.Length - 1));
                return new("truncated", Encoding.UTF8.GetBytes(json[..cut]));
            case 1:
                return WithField(valid, Pick(invalidate), WrongType(), "wrong type");
            case 2:
                var huge = WithField(valid, Pick(invalidate), JsonValue.Create("__HUGE__"), "huge number");
                return huge with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(huge.Body).Replace("\"__HUGE__\"", HugeNumber(), StringComparison.Ordinal)) };
            case 3:
                return new("deep nesting", DeepNesting(64 + _random.Next(2000)));
            case 4:
                return new("invalid UTF-8", InvalidUtf8(json));
            case 5:
                var withUnknown = (JsonObject)valid.DeepClone();
                withUnknown["__proto__"] = new JsonObject { ["isAdmin"] = true };
                withUnknown[$"x{_random.Next(1000)}"] = new JsonArray(1, "two", null);
                return WithField(withUnknown, Pick(invalidate), JsonValue.Create(Pick(Hostile)), "unknown fields + hostile value");
            case 6:
                return new("random bytes", RandomBytes(1 + _random.Next(512)));
            case 7:
                return new("not an object", Encoding.UTF8.GetBytes(Pick(["[]", "null", "42", "\"text\"", "true", "[{}]", "{", "}", ""])));
            case 8:
                return WithField(valid, Pick(invalidate), JsonValue.Create(new string('x', 4001 + _random.Next(60_000))), "oversized value");
            default:
                return WithField(valid, Pick(invalidate), JsonValue.Create(Pick(Hostile)), "hostile value");
        }
    }

    /// <summary>A room id / path segment that no room has or may have.</summary>
    public string PathTrick() => Pick(
    [
        "..%2F..%2Fusers%2Fme", "%2e%2e", "%00", "ROOM", "a%20b", "%E0%A4%A", new string('a', 65), new string('z', 5000),
        "%u202E", "room%0d%0aX-Injected:1", "..;", "~", "%252e%252e", $"no-such-{_random.Next(1_000_000)}", "*", "%C0%AE%C0%AE",
    ]);

    public byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private HostileInput WithField(JsonObject valid, string field, JsonNode? value, string kind)
    {
        var copy = (JsonObject)valid.DeepClone();
        copy[field] = value;
        return new(kind, Encoding.UTF8.GetBytes(copy.ToJsonString()));
    }

    /// <summary>Never null: null is a valid "no change" for optional fields.</summary>
    private JsonNode WrongType() => _random.Next(4) switch
    {
        0 => JsonValue.Create(_random.Next()),
        1 => new JsonArray("a", 1),
        2 => new JsonObject { ["nested"] = 1 },
        _ => JsonValue.Create(true),
    };

    private string HugeNumber() => Pick(["1e400", "-1e400", "99999999999999999999999999999999", "9223372036854775808", "-0.0000001e-999", "1.5", "NaN"]);

    private byte[] DeepNesting(int depth)
    {
        var (open, close) = _random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
    }

    private byte[] InvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var quote = bytes.IndexOf((byte)'"', 2);
        byte[][] bad = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF0, 0x28, 0x8C, 0x28], [0xC0, 0xAF], [0x80]];
        bytes.InsertRange(quote < 0 ? 0 : quote + 1, Pick(bad));
        return [.. bytes];
    }
}
