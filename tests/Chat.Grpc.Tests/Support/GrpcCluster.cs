using System.Globalization;
using Chat.Grpc.V1;
using Chat.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Chat.Grpc.Tests.Support;

/// <summary>
/// The real system (<see cref="ChatCluster"/>: MariaDB, Redis, a silo and a gateway) with a gRPC channel to its
/// HTTP/2 endpoint and clients generated from protos/chat.proto, as an integration would build them. Shared by every
/// integration test of this assembly.
/// </summary>
public sealed class GrpcCluster : IAsyncLifetime
{
    /// <summary>
    /// Live events one Subscribe stream may buffer in the gateway under test: small, so that a test can outrun a
    /// consumer with a few hundred messages, and still far above what the other tests have in flight.
    /// </summary>
    public const int SubscribeBufferCapacity = 128;

    public GrpcCluster()
    {
        // The gateway reads its configuration from the environment too (ChatCluster sets no gRPC options of its own).
        // The grace period is long enough that a slow consumer which does read always gets its final status.
        Environment.SetEnvironmentVariable("Grpc__SubscribeBufferCapacity", SubscribeBufferCapacity.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("Grpc__SlowConsumerGracePeriod", "00:01:00");
    }

    public ChatCluster Cluster { get; } = new();

    public GrpcChannel Channel { get; private set; } = default!;

    public UserService.UserServiceClient Users => new(Channel);

    public ChatService.ChatServiceClient Chat => new(Channel);

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        Channel = GrpcChannel.ForAddress(Cluster.GrpcAddress);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        await Cluster.DisposeAsync();
    }

    public Task<TestUser> NewUserAsync(string prefix = "grpc") => Cluster.RegisterUserAsync(prefix);

    /// <summary>Several users, one after the other (each has its own send budget).</summary>
    public async Task<TestUser[]> NewUsersAsync(int count, string prefix)
    {
        var users = new TestUser[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = await NewUserAsync(prefix);
        }
        return users;
    }

    /// <summary>Call credentials as an integration sends them: metadata <c>authorization: Bearer &lt;token&gt;</c>.</summary>
    public static Metadata Auth(TestUser user) => new() { { "authorization", $"Bearer {user.Token}" } };

    /// <summary>Creates a room over REST (gRPC has no room management) and returns its id.</summary>
    public Task<string> CreateRoomAsync(TestUser creator, bool isPublic = true) => TestRooms.CreateAsync(Cluster, creator, isPublic);

    public async Task<ChatMessage> SendAsync(TestUser sender, string roomId, string content, string clientMessageId = "") =>
        (await Chat.SendMessageAsync(new SendMessageRequest { RoomId = roomId, Content = content, ClientMessageId = clientMessageId }, Auth(sender))).Message;

    /// <summary>Opens a Subscribe stream; <paramref name="afterSeq"/> lists the rooms that replay.</summary>
    public EventStream Subscribe(TestUser user, IEnumerable<string> roomIds, IReadOnlyDictionary<string, long>? afterSeq = null)
    {
        var request = new SubscribeRequest { RoomIds = { roomIds } };
        if (afterSeq is not null)
        {
            foreach (var (roomId, seq) in afterSeq)
            {
                request.AfterSeq[roomId] = seq;
            }
        }
        return new EventStream(Chat.Subscribe(request, Auth(user)));
    }
}

[CollectionDefinition(Name)]
public sealed class GrpcClusterCollection : ICollectionFixture<GrpcCluster>
{
    public const string Name = "grpc cluster";
}
