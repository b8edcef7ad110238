using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.WebSockets;

/// <summary>The raw WebSocket endpoint <c>/ws</c> (section <c>Gateway:WebSocket</c>).</summary>
public sealed class RawWebSocketOptions
{
    public const string SectionName = "Gateway:WebSocket";

    /// <summary>
    /// The largest client frame read; a bigger one is answered with an error frame and discarded. The default holds a
    /// 4000-character message even if every character is escaped in the JSON.
    /// </summary>
    [Range(1024, 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Frames waiting to be written to one connection. A connection whose queue is full is too slow to keep up with
    /// its rooms: it is closed (the client reconnects and catches up by seq) rather than slowing anyone else down.
    /// </summary>
    [Range(8, 65_536)]
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>How often the server pings an idle socket (WebSocket ping/pong frames) to keep proxies from closing it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a closing socket may take to answer the server's close frame before it is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
