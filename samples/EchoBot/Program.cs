using Chat.Samples.EchoBot;
using Grpc.Net.Client;

if (BotSettings.Parse(args, Console.Error) is not { } settings)
{
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

using var channel = GrpcChannel.ForAddress(settings.Address);
try
{
    await new EchoBot(channel, settings, Console.Out).RunAsync(stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("Stopped.");
}
catch (Grpc.Core.RpcException exception)
{
    Console.Error.WriteLine($"Giving up: {exception.StatusCode}: {exception.Status.Detail}");
    return 1;
}
return 0;
