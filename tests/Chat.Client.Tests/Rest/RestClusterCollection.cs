using Chat.Testing;

namespace Chat.Client.Tests.Rest;

/// <summary>The REST client's tests share one real silo + gateway on MariaDB (starting one takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class RestClusterCollection : ICollectionFixture<ChatCluster>
{
    public const string Name = "client rest cluster";
}
