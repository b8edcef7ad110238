using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Chat.Contracts;
using Chat.Gateway.Tests.Transports;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Gateway.Tests.Conversations;

/// <summary>The REST calls of membership and read state, as the conversation tests make them.</summary>
internal static class Conversation
{
    public static async Task<JsonElement[]> MyRoomsAsync(HttpClient http)
    {
        var body = await http.GetFromJsonAsync<JsonElement>("/users/me/rooms");
        return [.. body.GetProperty("rooms").EnumerateArray()];
    }

    /// <summary>The caller's listing of one room, or null when it is not in their list.</summary>
    public static async Task<JsonElement?> MyRoomAsync(HttpClient http, string roomId) =>
        (await MyRoomsAsync(http)).Where(room => room.GetProperty("id").GetString() == roomId).Select(room => (JsonElement?)room).FirstOrDefault();

    public static async Task JoinAsync(HttpClient http, string roomId)
    {
        using var response = await http.PostAsync($"/chat/rooms/{roomId}/join", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static Task<HttpResponseMessage> MarkReadAsync(HttpClient http, string roomId, long seq) =>
        http.PutAsJsonAsync($"/chat/rooms/{roomId}/read", new { seq });

    public static async Task<JsonElement> OpenDmAsync(HttpClient http, string username)
    {
        using var response = await http.PostAsJsonAsync("/chat/dms", new { username });
        await AssertOkAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task AssertOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {response.StatusCode}: {body}");
    }

    public static Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status) =>
        RestContractTests.AssertProblemAsync(response, status);
}

/// <summary>Records the user events a SignalR connection receives (RoomAdded, RoomRemoved, RoomUpdated, ReadUpdated).</summary>
internal sealed class UserEventRecorder
{
    private readonly Channel<(string Name, object Payload)> _events = Channel.CreateUnbounded<(string, object)>();

    public UserEventRecorder(HubConnection connection)
    {
        connection.On<RoomChangedDto>("RoomAdded", change => _events.Writer.TryWrite(("RoomAdded", change)));
        connection.On<RoomChangedDto>("RoomUpdated", change => _events.Writer.TryWrite(("RoomUpdated", change)));
        connection.On<RoomRemovedDto>("RoomRemoved", change => _events.Writer.TryWrite(("RoomRemoved", change)));
        connection.On<ReadUpdatedDto>("ReadUpdated", change => _events.Writer.TryWrite(("ReadUpdated", change)));
    }

    /// <summary>The next event of that name (events of other names before it are skipped).</summary>
    public async Task<T> NextAsync<T>(string name)
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        while (true)
        {
            var (eventName, payload) = await _events.Reader.ReadAsync(timeout.Token);
            if (eventName == name)
            {
                return (T)payload;
            }
        }
    }
}
