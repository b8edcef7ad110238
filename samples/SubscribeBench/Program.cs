// Measures what one Subscribe stream sustains against a running gateway: live events per second while senders push
// as fast as their acks come back, then replay events per second for the same messages. Every message must arrive
// exactly once in ascending seq order, or the run fails. Start the servers with a send budget that does not throttle
// the senders (docs/GRPC.md, "Measuring a Subscribe stream").
//
//   dotnet run -c Release --project samples/SubscribeBench -- [--grpc URL] [--http URL] [--messages N] [--senders K]
//       [--rooms R] [--size CHARS]
// Senders are spread over R rooms (each room commits on its own), all followed by the one stream.
using System.Diagnostics;
using System.Net.Http.Json;
using Chat.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

var options = ParseOptions(args);
var grpcAddress = new Uri(options.GetValueOrDefault("grpc", "http://127.0.0.1:50051"));
var httpAddress = new Uri(options.GetValueOrDefault("http", "http://127.0.0.1:3001"));
var total = int.Parse(options.GetValueOrDefault("messages", "20000"));
var senderCount = int.Parse(options.GetValueOrDefault("senders", "8"));
var roomCount = int.Parse(options.GetValueOrDefault("rooms", "1"));
var size = int.Parse(options.GetValueOrDefault("size", "100"));
var perSender = total / senderCount;
total = perSender * senderCount;

using var channel = GrpcChannel.ForAddress(grpcAddress);
var users = new UserService.UserServiceClient(channel);
var chat = new ChatService.ChatServiceClient(channel);
var run = Guid.NewGuid().ToString("N")[..8];

async Task<Metadata> RegisterAsync(string name)
{
    var created = await users.CreateUserAsync(new CreateUserRequest
    {
        Username = $"bench_{run}_{name}",
        Email = $"bench_{run}_{name}@example.test",
        Password = "bench-password-1",
    });
    return new Metadata { { "authorization", $"Bearer {created.Token}" } };
}

var reader = await RegisterAsync("reader");
var senders = new List<Metadata>();
for (var i = 0; i < senderCount; i++)
{
    senders.Add(await RegisterAsync($"s{i}"));
}

// gRPC has no room management: rooms are made over REST, as the web app would.
using var http = new HttpClient { BaseAddress = httpAddress };
http.DefaultRequestHeaders.Authorization = new("Bearer", reader.GetValue("authorization")!["Bearer ".Length..]);
var roomIds = new List<string>();
for (var i = 0; i < roomCount; i++)
{
    var roomResponse = await http.PostAsJsonAsync("/chat/rooms", new { name = $"bench {run} {i}", isPublic = true });
    roomResponse.EnsureSuccessStatusCode();
    roomIds.Add((await roomResponse.Content.ReadFromJsonAsync<RoomCreated>())!.Id);
}
var content = new string('x', size);

Console.WriteLine($"{total} messages of {size} characters from {senderCount} senders into {roomCount} room(s), one Subscribe stream");

// Live: the stream is subscribed (response headers) before the first send.
using (var live = chat.Subscribe(new SubscribeRequest { RoomIds = { roomIds } }, reader))
{
    await live.ResponseHeadersAsync;
    var clock = Stopwatch.StartNew();
    var sending = Task.WhenAll(senders.Select(async (sender, index) =>
    {
        var roomId = roomIds[index % roomCount];
        for (var i = 0; i < perSender; i++)
        {
            await chat.SendMessageAsync(new SendMessageRequest { RoomId = roomId, Content = content }, sender);
        }
    }));
    var received = await ReadAsync(live.ResponseStream, total);
    var receivedAt = clock.Elapsed;
    await sending;
    Report("live", received, receivedAt);
}

// Replay: the same messages read back through one stream from after_seq 0.
var fromTheStart = new SubscribeRequest { RoomIds = { roomIds } };
roomIds.ForEach(roomId => fromTheStart.AfterSeq[roomId] = 0);
using (var replay = chat.Subscribe(fromTheStart, reader))
{
    var clock = Stopwatch.StartNew();
    var received = await ReadAsync(replay.ResponseStream, total);
    Report("replay", received, clock.Elapsed);
}
return 0;

static async Task<int> ReadAsync(IAsyncStreamReader<ChatEvent> stream, int count)
{
    var lastSeq = new Dictionary<string, long>();
    var received = 0;
    while (received < count && await stream.MoveNext(CancellationToken.None))
    {
        if (stream.Current.EventCase != ChatEvent.EventOneofCase.NewMessage)
        {
            continue;
        }
        var message = stream.Current.NewMessage;
        var expected = lastSeq.GetValueOrDefault(message.RoomId) + 1;
        if (message.Seq != expected)
        {
            throw new InvalidOperationException($"Room {message.RoomId}: expected seq {expected}, got {message.Seq}: a message was lost or repeated.");
        }
        lastSeq[message.RoomId] = message.Seq;
        received++;
    }
    return received;
}

static void Report(string phase, int events, TimeSpan elapsed) =>
    Console.WriteLine($"{phase,-7} {events,8} events in {elapsed.TotalSeconds,7:0.00} s = {events / elapsed.TotalSeconds,9:0} events/s (exactly once, in order)");

static Dictionary<string, string> ParseOptions(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        options[args[i].TrimStart('-')] = args[i + 1];
    }
    return options;
}

internal sealed record RoomCreated(string Id);
