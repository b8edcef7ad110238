using System.Buffers.Binary;
using System.Text.Unicode;

namespace Chat.Gateway.Application.Attachments;

/// <summary>
/// The content type of an upload, from its first bytes only (never from the name or the client's header), and an
/// image's dimensions from its header: PNG, JPEG, GIF and WebP. Anything else is <c>application/pdf</c> (by its magic),
/// <c>text/plain; charset=utf-8</c> (valid UTF-8 without NUL — an HTML page included: it is served as text, never as
/// HTML) or <c>application/octet-stream</c>.
/// </summary>
public static class ContentSniffer
{
    public const string OctetStream = "application/octet-stream";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (string ContentType, int? Width, int? Height) Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PngSignature) && head.Length >= 24 && head[12..16].SequenceEqual("IHDR"u8))
        {
            return ("image/png", Dimension(BinaryPrimitives.ReadInt32BigEndian(head[16..])), Dimension(BinaryPrimitives.ReadInt32BigEndian(head[20..])));
        }
        if ((head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) && head.Length >= 10)
        {
            return ("image/gif", BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]));
        }
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            var (width, height) = JpegSize(head);
            return ("image/jpeg", width, height);
        }
        if (head.Length >= 16 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            var (width, height) = WebPSize(head);
            return ("image/webp", width, height);
        }
        if (head.StartsWith("%PDF-"u8))
        {
            return ("application/pdf", null, null);
        }
        return (IsText(head) ? "text/plain; charset=utf-8" : OctetStream, null, null);
    }

    private static int? Dimension(int value) => value > 0 ? value : null;

    /// <summary>Walks the JPEG segments to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC).</summary>
    private static (int?, int?) JpegSize(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                return (null, null);
            }
            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (Dimension(BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..])), Dimension(BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..])));
            }
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
        }
        return (null, null);
    }

    private static (int?, int?) WebPSize(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8) && data.Length >= 30)
        {
            return (1 + ReadUInt24(data[24..]), 1 + ReadUInt24(data[27..]));
        }
        if (chunk.SequenceEqual("VP8L"u8) && data.Length >= 25 && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8 "u8) && data.Length >= 30 && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A)
        {
            return (Dimension(BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF), Dimension(BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF));
        }
        return (null, null);
    }

    private static int ReadUInt24(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);

    /// <summary>UTF-8 without NUL; a multi-byte character cut at the end of the sniffed bytes is allowed.</summary>
    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty || head.Contains((byte)0))
        {
            return false;
        }
        var cut = head.Length;
        for (var back = 1; back <= 3 && back <= head.Length; back++)
        {
            if ((head[^back] & 0xC0) != 0x80)
            {
                cut = (head[^back] & 0x80) == 0 ? head.Length : head.Length - back;
                break;
            }
        }
        return Utf8.IsValid(head[..cut]);
    }
}
