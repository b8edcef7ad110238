using Chat.Gateway.Application.Attachments;

namespace Chat.Gateway.Tests.Attachments;

/// <summary>The stored content type comes from the bytes alone; images carry the size their header gives.</summary>
public sealed class ContentSnifferTests
{
    public static TheoryData<byte[], string, int?, int?> Files => new()
    {
        { TestFiles.Png(640, 480), "image/png", 640, 480 },
        { TestFiles.Gif(32, 16), "image/gif", 32, 16 },
        { TestFiles.Jpeg(1920, 1080), "image/jpeg", 1920, 1080 },
        { TestFiles.WebP(300, 200), "image/webp", 300, 200 },
        { TestFiles.Html, "text/plain; charset=utf-8", null, null },
        { "%PDF-1.7\n"u8.ToArray(), "application/pdf", null, null },
        { [0x00, 0x01, 0x02, 0xFF], "application/octet-stream", null, null },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0x00], "image/jpeg", null, null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void TheTypeAndSizeAreReadFromTheBytes(byte[] bytes, string contentType, int? width, int? height)
    {
        Assert.Equal((contentType, width, height), ContentSniffer.Sniff(bytes));
    }
}
