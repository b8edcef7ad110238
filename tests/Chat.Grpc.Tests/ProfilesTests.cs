using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Chat.Testing;
using Grpc.Core;

namespace Chat.Grpc.Tests;

/// <summary><c>UserService.GetProfiles</c>: profiles with global presence, at most 100 per call.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class ProfilesTests(GrpcCluster grpc)
{
    [Fact]
    public async Task GetProfilesAnswersKnownUsersInOrderWithPresenceAndNoEmail()
    {
        var alice = await grpc.NewUserAsync("alice");
        var bob = await grpc.NewUserAsync("bob");
        await using var aliceOnline = await HubClient.ConnectAsync(grpc.Cluster, alice);
        var request = new GetProfilesRequest { UserIds = { alice.Id, Guid.NewGuid().ToString("N"), bob.Id, alice.Id } };

        await Wait.UntilAsync(async () => (await grpc.Users.GetProfilesAsync(request, GrpcCluster.Auth(bob))).Profiles[0].Online, "alice is online");
        var answer = await grpc.Users.GetProfilesAsync(request, GrpcCluster.Auth(bob));

        Assert.Equal([alice.Id, bob.Id], answer.Profiles.Select(p => p.Id));
        Assert.Equal((alice.Username, true, 0L), (answer.Profiles[0].Username, answer.Profiles[0].Online, answer.Profiles[0].LastSeenAt));
        Assert.False(answer.Profiles[1].Online); // bob only calls gRPC: that is no live connection
    }

    [Fact]
    public async Task MoreThanAHundredIdsOrAMalformedOneAreInvalidArgument()
    {
        var bob = await grpc.NewUserAsync("bob");
        var tooMany = new GetProfilesRequest { UserIds = { Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString("N")) } };
        var malformed = new GetProfilesRequest { UserIds = { "not an id" } };

        foreach (var request in new[] { tooMany, malformed, new GetProfilesRequest() })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Users.GetProfilesAsync(request, GrpcCluster.Auth(bob)).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        }
    }
}
