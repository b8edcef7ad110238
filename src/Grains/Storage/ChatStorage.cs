namespace Chat.Grains.Storage;

/// <summary>Names of the grain storage providers the grains use (the silo registers them).</summary>
public static class ChatStorage
{
    /// <summary>Grain state: rooms, users, indexes, the public room directory.</summary>
    public const string GrainState = "ChatStore";
}
