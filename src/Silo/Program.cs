using Chat.Silo;

var app = SiloApp.Build(SiloApp.CreateBuilder(args));
app.Run();
