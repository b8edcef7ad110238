using Chat.Testing;

namespace Chat.Gateway.Tests;

/// <summary>Every transport test shares one real silo + gateway (starting one takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class ChatClusterCollection : ICollectionFixture<ChatCluster>
{
    public const string Name = "chat cluster";
}
