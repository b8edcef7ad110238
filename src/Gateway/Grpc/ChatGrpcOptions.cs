using System.ComponentModel.DataAnnotations;
using Chat.Errors;

namespace Chat.Gateway.Grpc;

/// <summary>Limits and settings of the gRPC surface (configuration section <c>Grpc</c>).</summary>
public sealed class ChatGrpcOptions
{
    public const string SectionName = "Grpc";

    /// <summary>
    /// The largest request message the server reads. The largest valid request (4000 characters of content, at up
    /// to 3 UTF-8 bytes each, plus ids; or a Subscribe naming <see cref="MaxRoomsPerSubscribe"/> rooms) stays well
    /// below 64 KiB, so anything bigger is refused by gRPC itself, before it reaches the application or a grain.
    /// </summary>
    [Range(16 * 1024, 4 * 1024 * 1024)]
    public int MaxReceiveMessageSize { get; set; } = 64 * 1024;

    /// <summary>How many rooms one Subscribe call may follow.</summary>
    [Range(1, 1000)]
    public int MaxRoomsPerSubscribe { get; set; } = 100;

    /// <summary>
    /// Live events one Subscribe stream may hold while its consumer catches up. A consumer that lets more pile up
    /// is ended with RESOURCE_EXHAUSTED and resumes by seq, so one slow reader never holds the room's fan-out back.
    /// </summary>
    [Range(1, 1_000_000)]
    public int SubscribeBufferCapacity { get; set; } = 4096;

    /// <summary>Messages read from history per call while a Subscribe replays or fills a gap.</summary>
    [Range(1, ChatRules.HistoryMaxLimit)]
    public int ReplayPageSize { get; set; } = ChatRules.HistoryMaxLimit;

    /// <summary>
    /// After a Subscribe stream overflowed, how long its last pending write may wait for the consumer before the
    /// stream is reset; a consumer that still reads gets the RESOURCE_EXHAUSTED status within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SlowConsumerGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The front end's dev server, allowed when <see cref="CorsOrigins"/> is not configured.</summary>
    public const string DefaultCorsOrigin = "http://localhost:5173";

    /// <summary>
    /// Browser origins allowed to call over gRPC-Web. Empty means <see cref="DefaultCorsOrigin"/> (a default in the
    /// array itself would be appended to, not replaced by, configured values).
    /// </summary>
    public string[] CorsOrigins { get; set; } = [];

    public IReadOnlyList<string> EffectiveCorsOrigins => CorsOrigins is [] ? [DefaultCorsOrigin] : CorsOrigins;
}
