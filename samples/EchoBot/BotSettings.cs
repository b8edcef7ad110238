namespace Chat.Samples.EchoBot;

/// <summary>What the bot needs to know, from the command line or the environment.</summary>
public sealed record BotSettings(Uri Address, string Username, string Password, string? Email, IReadOnlyList<string> Rooms)
{
    public const string Usage = """
        EchoBot: answers "!echo <text>" in chat rooms with <text>, over the gateway's gRPC API.

        dotnet run --project samples/EchoBot -- --username <name> --password <password>
            [--email <address>]        register the account when it does not exist yet
            [--room <id>]...           rooms to follow (default: general)
            [--address <url>]          gRPC endpoint (default: http://127.0.0.1:50051)

        Environment instead of options: ECHOBOT_USERNAME, ECHOBOT_PASSWORD, ECHOBOT_EMAIL, ECHOBOT_ROOMS
        (comma-separated), CHAT_GRPC_ADDRESS.
        """;

    /// <summary>Reads the settings; null (after printing why) when something required is missing.</summary>
    public static BotSettings? Parse(string[] args, TextWriter error)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
            {
                error.WriteLine($"Unexpected argument '{args[i]}'.");
                error.WriteLine(Usage);
                return null;
            }
            var name = args[i][2..];
            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }
            values.Add(args[++i]);
        }

        string? Single(string option, string variable) =>
            options.TryGetValue(option, out var values) ? values[^1] : Environment.GetEnvironmentVariable(variable);

        var username = Single("username", "ECHOBOT_USERNAME");
        var password = Single("password", "ECHOBOT_PASSWORD");
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            error.WriteLine("A username and a password are required.");
            error.WriteLine(Usage);
            return null;
        }
        var rooms = options.TryGetValue("room", out var roomOptions)
            ? roomOptions
            : (Environment.GetEnvironmentVariable("ECHOBOT_ROOMS") ?? "general")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var address = new Uri(Single("address", "CHAT_GRPC_ADDRESS") ?? "http://127.0.0.1:50051");
        return new BotSettings(address, username, password, Single("email", "ECHOBOT_EMAIL"), rooms);
    }
}
