using System.ComponentModel.DataAnnotations;

namespace Chat.Silo.Hosting;

/// <summary>Time-outs for the MySQL message log (configuration section <c>Chat:MessageStore</c>): an outage fails sends fast.</summary>
public sealed class MessageStoreOptions
{
    public const string Section = "Chat:MessageStore";

    [Range(1, 300, ErrorMessage = "Chat:MessageStore:ConnectTimeoutSeconds must be between 1 and 300.")]
    public int ConnectTimeoutSeconds { get; set; } = 5;

    [Range(1, 3600, ErrorMessage = "Chat:MessageStore:CommandTimeoutSeconds must be between 1 and 3600.")]
    public int CommandTimeoutSeconds { get; set; } = 10;
}
