using System.Net.Http.Json;
using System.Text.Json;
using static Chat.Gateway.Tests.Conversations.Conversation;

namespace Chat.Gateway.Tests.Conversations;

/// <summary>The public directory (<c>GET /chat/rooms</c>) shows how many members each room has, kept as people join and leave.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class DirectoryMemberCountTests(ChatCluster cluster)
{
    [Fact]
    public async Task TheDirectoryCountsTheMembersOfAPublicRoomAsTheyJoinAndLeave()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var roomId = await TestRooms.CreateAsync(cluster, owner);
        using var ownerHttp = cluster.CreateClient(owner);
        Assert.Equal(1, await ListedMemberCountAsync(ownerHttp, roomId)); // the creator

        var joiners = await Task.WhenAll(cluster.RegisterUserAsync("ann"), cluster.RegisterUserAsync("ben"));
        foreach (var joiner in joiners)
        {
            using var http = cluster.CreateClient(joiner);
            await JoinAsync(http, roomId);
        }
        await Wait.UntilAsync(async () => await ListedMemberCountAsync(ownerHttp, roomId) == 3, "the directory counts both who joined");

        using var leaver = cluster.CreateClient(joiners[0]);
        using var left = await leaver.PostAsync($"/chat/rooms/{roomId}/leave", null);
        await AssertOkAsync(left);
        await Wait.UntilAsync(async () => await ListedMemberCountAsync(ownerHttp, roomId) == 2, "the directory counts one fewer after a leave");
    }

    /// <summary>Pages through the directory (other tests list rooms too) to the room's row.</summary>
    private static async Task<int> ListedMemberCountAsync(HttpClient http, string roomId)
    {
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>(cursor is null ? "/chat/rooms?limit=200" : $"/chat/rooms?limit=200&cursor={cursor}");
            foreach (var room in page.GetProperty("rooms").EnumerateArray())
            {
                if (room.GetProperty("id").GetString() == roomId)
                {
                    return room.GetProperty("memberCount").GetInt32();
                }
            }
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        throw new Xunit.Sdk.XunitException($"Room {roomId} is not in the directory.");
    }
}
