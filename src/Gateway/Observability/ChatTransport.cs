namespace Chat.Gateway.Observability;

/// <summary>The values of the <c>transport</c> tag on <see cref="GatewayMetrics"/>: a fixed set, so series stay bounded.</summary>
public static class ChatTransport
{
    public const string SignalR = "signalr";
    public const string WebSocket = "websocket";
    public const string Grpc = "grpc";
    public const string Rest = "rest";
}
