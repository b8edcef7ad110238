namespace Chat.Rooms;

/// <summary>Names shared by the silo (publisher) and the gateways (subscribers) of room streams.</summary>
public static class ChatStreams
{
    /// <summary>The Orleans stream provider that carries room events.</summary>
    public const string ProviderName = "ChatStreams";

    /// <summary>The stream namespace; the stream key is the room id.</summary>
    public const string RoomNamespace = "room";

    /// <summary>Grain storage that holds stream subscriptions (required by Orleans' pub-sub).</summary>
    public const string PubSubStore = "PubSubStore";
}
