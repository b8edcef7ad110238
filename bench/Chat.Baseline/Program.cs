using Chat.Baseline;

// A plain single-process chat server for chat-bench to compare against (bench/README.md, "Baseline"): the REST calls
// the bench sets itself up with, a SignalR hub at /hubs/chat and a raw WebSocket at /ws, all in memory.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:3101");
builder.Services.AddSingleton<Accounts>();
builder.Services.AddSingleton<Rooms>();
builder.Services.AddSignalR().AddMessagePackProtocol();

var app = builder.Build();
app.UseWebSockets();
app.MapBaselineApi();
app.MapHub<BaselineHub>("/hubs/chat");
app.Map("/ws", RawSocket.AcceptAsync);
app.Run();
