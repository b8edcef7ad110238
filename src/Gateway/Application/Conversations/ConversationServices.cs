using Chat.Gateway.Fanout;

namespace Chat.Gateway.Application.Conversations;

public static class ConversationServices
{
    /// <summary>
    /// Membership commands and the per-user event fan-out (one user-stream subscription per user per gateway). The
    /// transports register their own <see cref="IUserEventTransport"/>.
    /// </summary>
    public static IServiceCollection AddChatConversations(this IServiceCollection services)
    {
        services.AddSingleton<IConversations, Conversations>();
        services.AddSingleton<UserFeeds>();
        services.AddSingleton<UserConnections>();
        services.AddHostedService<UserFeedCheckService>();
        return services;
    }
}
