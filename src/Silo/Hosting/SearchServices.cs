using Chat.Grains.Search;
using Chat.Grains.Storage;
using Chat.Silo.Storage;

namespace Chat.Silo.Hosting;

/// <summary>Message search on the silo: the MySQL FULLTEXT index in the production profile, a scan of memory in the embedded default.</summary>
public static class SearchServices
{
    public static IServiceCollection AddChatSearch(this IServiceCollection services, bool mySql)
    {
        if (mySql)
        {
            services.AddSingleton<IMessageSearch, MySqlMessageSearch>();
            services.AddHostedService<SearchBackfill>();
        }
        else
        {
            // The embedded default's log is the in-memory one registered beside this (ChatSiloExtensions).
            services.AddSingleton<IMessageSearch>(sp => new InMemoryMessageSearch((InMemoryMessageLog)sp.GetRequiredService<IMessageLog>()));
        }
        return services;
    }
}
