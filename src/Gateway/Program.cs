var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => "ok");
app.Run();

/// <summary>Exposed for tests that host the gateway in-process.</summary>
public partial class Program;
