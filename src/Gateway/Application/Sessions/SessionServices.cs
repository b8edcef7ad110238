using Chat.Gateway.Quotas;

namespace Chat.Gateway.Application.Sessions;

public static class SessionServices
{
    /// <summary>Sign-in sessions: starting them (register, login), refresh, logout, list, revoke, password change.</summary>
    public static IServiceCollection AddChatSessions(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<SessionIssuer>();
        services.AddSingleton<RefreshSession>();
        services.AddSingleton<ChangePassword>();
        services.AddSingleton<SessionCommands>();
        services.AddChatQuotas();
        return services;
    }
}
