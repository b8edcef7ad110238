using System.Net.Http.Json;
using Chat.Client;
using Chat.Contracts;

namespace Chat.Distributed.Harness;

/// <summary>Reading what the cluster stored.</summary>
internal static class RoomHistory
{
    /// <summary>The whole history of a room over REST (paged by afterSeq), ascending.</summary>
    public static async Task<IReadOnlyList<MessageDto>> ReadAsync(TestUser reader, GatewaySlot gateway, string roomId)
    {
        using var http = LocalCluster.AuthorizedHttp(reader, gateway);
        var all = new List<MessageDto>();
        while (true)
        {
            var after = all.Count > 0 ? all[^1].Seq : 0;
            var page = await http.GetFromJsonAsync<MessagesPage>($"chat/rooms/{roomId}/messages?afterSeq={after}&limit=200");
            all.AddRange(page!.Messages);
            if (page.Messages.Count < 200)
            {
                return all;
            }
        }
    }

    private sealed record MessagesPage(IReadOnlyList<MessageDto> Messages);
}
