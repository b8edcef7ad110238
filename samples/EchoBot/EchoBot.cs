using Chat.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Chat.Samples.EchoBot;

/// <summary>
/// Follows rooms through <c>ChatService.Subscribe</c> and answers every message that starts with "!echo " with the
/// rest of it. It remembers the last seq it saw per room and resubscribes from there after any interruption, so it
/// neither misses a command nor (thanks to client_message_id) answers one twice.
/// </summary>
public sealed class EchoBot(GrpcChannel channel, BotSettings settings, TextWriter log)
{
    public const string Command = "!echo ";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly UserService.UserServiceClient users = new(channel);
    private readonly ChatService.ChatServiceClient chat = new(channel);
    private readonly Dictionary<string, long> lastSeenSeq = new(StringComparer.Ordinal);
    private Metadata credentials = [];
    private string userId = "";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await SignInAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await FollowRoomsAsync(cancellationToken);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.Unauthenticated)
            {
                log.WriteLine("The token is no longer accepted; signing in again.");
                await SignInAsync(cancellationToken);
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.Internal)
            {
                log.WriteLine($"Stream ended ({exception.StatusCode}: {exception.Status.Detail}); resuming in {RetryDelay.TotalSeconds:0} s.");
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    private async Task SignInAsync(CancellationToken cancellationToken)
    {
        User user;
        string token;
        try
        {
            var login = await users.LoginAsync(new LoginRequest { Username = settings.Username, Password = settings.Password }, cancellationToken: cancellationToken);
            (user, token) = (login.User, login.Token);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Unauthenticated && settings.Email is { } email)
        {
            var created = await users.CreateUserAsync(
                new CreateUserRequest { Username = settings.Username, Email = email, Password = settings.Password },
                cancellationToken: cancellationToken);
            (user, token) = (created.User, created.Token);
            log.WriteLine($"Registered {user.Username}.");
        }
        userId = user.Id;
        credentials = new Metadata { { "authorization", $"Bearer {token}" } };
        log.WriteLine($"Signed in as {user.Username} ({user.Id}).");
    }

    /// <summary>One Subscribe call: replays what was missed since the last one (if any), then follows live.</summary>
    private async Task FollowRoomsAsync(CancellationToken cancellationToken)
    {
        var request = new SubscribeRequest { RoomIds = { settings.Rooms } };
        request.AfterSeq.Add(lastSeenSeq);
        using var call = chat.Subscribe(request, credentials, cancellationToken: cancellationToken);
        log.WriteLine($"Following {string.Join(", ", settings.Rooms)}.");
        await foreach (var chatEvent in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (chatEvent.EventCase == ChatEvent.EventOneofCase.NewMessage)
            {
                var message = chatEvent.NewMessage;
                lastSeenSeq[message.RoomId] = message.Seq;
                await AnswerAsync(message, cancellationToken);
            }
        }
    }

    private async Task AnswerAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        if (message.UserId == userId || !message.Content.StartsWith(Command, StringComparison.Ordinal))
        {
            return;
        }
        var text = message.Content[Command.Length..].Trim();
        if (text.Length == 0)
        {
            return;
        }
        try
        {
            // One answer per command, however often this runs: the server keeps the first send with this id.
            await chat.SendMessageAsync(
                new SendMessageRequest { RoomId = message.RoomId, Content = text, ClientMessageId = $"echo:{message.Seq}" },
                credentials, cancellationToken: cancellationToken);
            log.WriteLine($"Echoed {message.Username} in {message.RoomId}: {text}");
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.ResourceExhausted or StatusCode.InvalidArgument)
        {
            log.WriteLine($"Could not echo {message.Id}: {exception.Status.Detail}");
        }
    }
}
