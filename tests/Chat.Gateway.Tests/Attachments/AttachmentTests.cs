using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway.Tests.Search;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Gateway.Tests.Attachments;

/// <summary>
/// <c>POST /chat/attachments</c> and <c>GET /chat/attachments/{id}</c> on the production profile (bytes in MariaDB):
/// the stored type comes from the bytes, downloads carry headers that keep a browser from running them, access follows
/// the room the file was posted in, oversized uploads are 413, uploads never posted are deleted.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AttachmentTests(ChatCluster cluster)
{
    [Fact]
    public async Task AnImageGetsItsTypeAndSizeFromItsBytesWhateverTheClientSaysAndDownloadsInline()
    {
        var user = await cluster.RegisterUserAsync("img");
        var png = TestFiles.Png(640, 480);

        var uploaded = await UploadAsync(user, png, "holiday.html", "text/html");
        using var download = await cluster.CreateClient(user).GetAsync($"/chat/attachments/{uploaded.GetProperty("id").GetString()}");

        Assert.Equal(("holiday.html", "image/png", png.Length, 640, 480), (
            uploaded.GetProperty("fileName").GetString(), uploaded.GetProperty("contentType").GetString(),
            uploaded.GetProperty("size").GetInt32(), uploaded.GetProperty("width").GetInt32(), uploaded.GetProperty("height").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType?.ToString());
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        Assert.NotEqual("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task AnHtmlPageClaimingToBeAnImageIsStoredAndServedAsTextForDownloadOnly()
    {
        var user = await cluster.RegisterUserAsync("liar");

        var uploaded = await UploadAsync(user, TestFiles.Html, "cat.png", "image/png");
        using var download = await cluster.CreateClient(user).GetAsync($"/chat/attachments/{uploaded.GetProperty("id").GetString()}");

        Assert.Equal("text/plain; charset=utf-8", uploaded.GetProperty("contentType").GetString());
        Assert.False(uploaded.TryGetProperty("width", out _));
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(TestFiles.Html, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AFileOverTheLimitIs413AndAFileOfSeveralChunksComesBackWhole()
    {
        var user = await cluster.RegisterUserAsync("big");
        var large = new byte[3 * 256 * 1024 + 12345];
        Random.Shared.NextBytes(large);

        using var refused = await PostFileAsync(user, new byte[10 * 1024 * 1024 + 1], "huge.bin");
        var stored = await UploadAsync(user, large, "large.bin");
        using var download = await cluster.CreateClient(user).GetAsync($"/chat/attachments/{stored.GetProperty("id").GetString()}");

        await SearchTests.ProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(large.Length, stored.GetProperty("size").GetInt32());
        Assert.Equal(large, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task OnlyTheUploaderReadsAnUnpostedFileAndAfterPostingOnlyReadersOfItsRoom()
    {
        var owner = await cluster.RegisterUserAsync("owner");
        var member = await cluster.RegisterUserAsync("member");
        var outsider = await cluster.RegisterUserAsync("outsider");
        var roomId = await TestRooms.CreateAsync(cluster, owner, isPublic: false);
        using var ownerHttp = cluster.CreateClient(owner);
        (await ownerHttp.PostAsJsonAsync($"/chat/rooms/{roomId}/members", new { username = member.Username })).EnsureSuccessStatusCode();
        var id = (await UploadAsync(owner, TestFiles.Gif(8, 8), "dot.gif")).GetProperty("id").GetString()!;
        var path = $"/chat/attachments/{id}";

        var memberBefore = await StatusAsync(member, path);
        using var sent = await ownerHttp.PostAsJsonAsync("/chat/messages", new { roomId, content = "look", attachmentIds = new[] { id } });
        var message = await sent.Content.ReadFromJsonAsync<JsonElement>();
        var history = await cluster.CreateClient(member).GetFromJsonAsync<JsonElement>($"/chat/rooms/{roomId}/messages");

        Assert.Equal(HttpStatusCode.NotFound, memberBefore);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal([(id, "image/gif", 8)], message.GetProperty("attachments").EnumerateArray()
            .Select(a => (a.GetProperty("id").GetString(), a.GetProperty("contentType").GetString(), a.GetProperty("width").GetInt32())));
        Assert.Equal(id, history.GetProperty("messages")[0].GetProperty("attachments")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(member, path));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(owner, path));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(outsider, path));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(outsider, "/chat/attachments/0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task AnUploadOfAnotherUserOrOneAlreadyPostedInAnotherRoomIsRefusedAndNothingIsStored()
    {
        var author = await cluster.RegisterUserAsync("author");
        var thief = await cluster.RegisterUserAsync("thief");
        var first = await TestRooms.CreateAsync(cluster, author);
        var second = await TestRooms.CreateAsync(cluster, author);
        var id = (await UploadAsync(author, TestFiles.Png(2, 2), "a.png")).GetProperty("id").GetString()!;
        using var authorHttp = cluster.CreateClient(author);
        using var thiefHttp = cluster.CreateClient(thief);

        var stolen = await thiefHttp.PostAsJsonAsync("/chat/messages", new { roomId = first, content = "mine now", attachmentIds = new[] { id } });
        var posted = await authorHttp.PostAsJsonAsync("/chat/messages", new { roomId = first, content = "here", attachmentIds = new[] { id }, clientMessageId = "c1" });
        var retried = await authorHttp.PostAsJsonAsync("/chat/messages", new { roomId = first, content = "here", attachmentIds = new[] { id }, clientMessageId = "c1" });
        var elsewhere = await authorHttp.PostAsJsonAsync("/chat/messages", new { roomId = second, content = "again", attachmentIds = new[] { id } });
        var unknown = await authorHttp.PostAsJsonAsync("/chat/messages", new { roomId = second, content = "?", attachmentIds = new[] { "not-an-id" } });

        Assert.Contains("not an upload of yours", (await SearchTests.ProblemAsync(stolen, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Contains("another room", (await SearchTests.ProblemAsync(elsewhere, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        await SearchTests.ProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Equal(1, (await authorHttp.GetFromJsonAsync<JsonElement>($"/chat/rooms/{first}/messages")).GetProperty("messages").GetArrayLength());
        Assert.Equal(0, (await authorHttp.GetFromJsonAsync<JsonElement>($"/chat/rooms/{second}/messages")).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task UploadsNeverPostedAreDeletedOnceOlderThanTheConfiguredAgeAndPostedOnesStay()
    {
        var user = await cluster.RegisterUserAsync("janitor");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var forgotten = (await UploadAsync(user, TestFiles.Png(1, 1), "forgotten.png")).GetProperty("id").GetString()!;
        var kept = (await UploadAsync(user, TestFiles.Png(1, 1), "kept.png")).GetProperty("id").GetString()!;
        using var http = cluster.CreateClient(user);
        (await http.PostAsJsonAsync("/chat/messages", new { roomId, content = "keep this", attachmentIds = new[] { kept } })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(user, $"/chat/attachments/{forgotten}"));

        // Polled: the silo sweeps every second (ChatCluster) and deletes uploads older than the configured age.
        var deadline = DateTime.UtcNow + ChatCluster.AttachmentCleanupAge + TimeSpan.FromSeconds(60);
        while (await StatusAsync(user, $"/chat/attachments/{forgotten}") == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(user, $"/chat/attachments/{forgotten}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(user, $"/chat/attachments/{kept}"));
    }

    [Fact]
    public async Task TheHubAndTheWebSocketPostUploadsToo()
    {
        var user = await cluster.RegisterUserAsync("live");
        var roomId = await TestRooms.CreateAsync(cluster, user);
        var byHub = (await UploadAsync(user, TestFiles.Jpeg(40, 30), "a.jpg")).GetProperty("id").GetString()!;
        var byWs = (await UploadAsync(user, TestFiles.WebP(20, 10), "b.webp")).GetProperty("id").GetString()!;
        await using var hub = await HubClient.ConnectAsync(cluster, user);
        await using var socket = await Support.WsClient.ConnectAsync(cluster, user);

        var hubMessage = await hub.Connection.InvokeAsync<Contracts.MessageDto>("SendWithAttachments", roomId, "from the hub", null, new[] { byHub });
        var wsAck = await socket.RequestAsync("send_message", new { roomId, content = "from the socket", attachmentIds = new[] { byWs } });

        Assert.Equal([(byHub, 40, 30)], hubMessage.Attachments!.Select(a => (a.Id, a.Width ?? 0, a.Height ?? 0)));
        Assert.Equal("message_sent", wsAck.GetProperty("type").GetString());
        Assert.Equal(byWs, wsAck.GetProperty("message").GetProperty("attachments")[0].GetProperty("id").GetString());
        Assert.Equal("image/webp", wsAck.GetProperty("message").GetProperty("attachments")[0].GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task AnUploadThatIsNotAMultipartFileIs400()
    {
        var user = await cluster.RegisterUserAsync("nofile");
        using var http = cluster.CreateClient(user);

        using var json = await http.PostAsJsonAsync("/chat/attachments", new { file = "abc" });
        using var form = new MultipartFormDataContent { { new StringContent("abc"), "other" } };
        using var wrongField = await http.PostAsync("/chat/attachments", form);

        await SearchTests.ProblemAsync(json, HttpStatusCode.BadRequest);
        await SearchTests.ProblemAsync(wrongField, HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> UploadAsync(TestUser user, byte[] bytes, string fileName, string claimedType = "application/octet-stream")
    {
        using var response = await PostFileAsync(user, bytes, fileName, claimedType);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> PostFileAsync(TestUser user, byte[] bytes, string fileName, string claimedType = "application/octet-stream")
    {
        using var http = cluster.CreateClient(user);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        form.Add(file, "file", fileName);
        // 100-continue: a refusal before the body is read (413) comes back without the body being sent at all.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat/attachments") { Content = form };
        request.Headers.ExpectContinue = true;
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<HttpStatusCode> StatusAsync(TestUser user, string path)
    {
        using var response = await cluster.CreateClient(user).GetAsync(path);
        return response.StatusCode;
    }
}
