using Chat.Gateway;

var app = GatewayApp.Configure(GatewayApp.CreateBuilder(args).Build());
app.Run();

/// <summary>Exposed for tests that host the gateway in-process.</summary>
public partial class Program;
