namespace Chat.Silo.Hosting;

/// <summary>Time-outs for the MySQL message log (configuration section <c>Chat:MessageStore</c>): an outage fails sends fast.</summary>
public sealed class MessageStoreOptions
{
    public const string Section = "Chat:MessageStore";

    public int ConnectTimeoutSeconds { get; set; } = 5;

    public int CommandTimeoutSeconds { get; set; } = 10;
}
