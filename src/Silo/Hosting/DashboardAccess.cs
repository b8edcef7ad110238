using System.Security.Cryptography;
using System.Text;
using Chat.ServiceDefaults.Secrets;

namespace Chat.Silo.Hosting;

/// <summary>
/// Section <c>Chat:Dashboard</c>. The Orleans dashboard shows grain state and call statistics, so it is off unless
/// <c>Enabled</c>; when on it answers only requests with HTTP Basic credentials matching <c>Username</c>/<c>Password</c>
/// (required; outside Development a placeholder or weak password refuses to start), and, when <c>Port</c> is set,
/// only on that local port (bind a Kestrel endpoint there, e.g. loopback, and keep it off the Service).
/// </summary>
public sealed class ChatDashboardOptions
{
    public const string SectionName = "Chat:Dashboard";

    public bool Enabled { get; set; }

    public string Username { get; set; } = "admin";

    public string? Password { get; set; }

    public int? Port { get; set; }

    public static ChatDashboardOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<ChatDashboardOptions>() ?? new ChatDashboardOptions();

    /// <summary>Throws when the dashboard is on without a usable password.</summary>
    public void EnsureUsable(IHostEnvironment environment)
    {
        if (!Enabled)
        {
            return;
        }
        if (string.IsNullOrEmpty(Password) || string.IsNullOrEmpty(Username))
        {
            throw new InvalidOperationException(
                $"{SectionName}:Enabled is true but {SectionName}:Username/Password are not set: the dashboard shows grain state and needs credentials; {SecretPolicy.HowToGenerate}.");
        }
        if (!environment.IsDevelopment() && SecretPolicy.ProblemWithPassword($"{SectionName}:Password", Password) is { } problem)
        {
            throw new InvalidOperationException("Refusing to start outside Development: " + problem);
        }
    }
}

/// <summary>The gate in front of <c>/dashboard</c>: the configured port only, then HTTP Basic, compared in constant time.</summary>
public static class DashboardAccess
{
    public const string RoutePrefix = "/dashboard";

    public static WebApplication UseDashboardAccess(this WebApplication app, ChatDashboardOptions options)
    {
        var expected = Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}");
        app.UseWhen(context => context.Request.Path.StartsWithSegments(RoutePrefix), branch => branch.Use((context, next) =>
        {
            if (options.Port is { } port && context.Connection.LocalPort != port)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            if (!Authorized(context.Request.Headers.Authorization.ToString(), expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"orleans-dashboard\", charset=\"UTF-8\"";
                return Task.CompletedTask;
            }
            return next(context);
        }));
        return app;
    }

    public static bool Authorized(string authorization, byte[] expected)
    {
        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromBase64String(authorization[scheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
