using Chat.Grains.Attachments;
using Chat.Grains.Search;
using Chat.Grains.Storage;
using Chat.ServiceDefaults;
using Chat.Silo.Storage;

namespace Chat.Silo.Hosting;

/// <summary>
/// Message search and attachments on the silo: MySQL (a FULLTEXT index; chunk rows) in the production profile, memory in
/// the embedded default.
/// </summary>
public static class SearchAndAttachmentServices
{
    public static IServiceCollection AddChatSearchAndAttachments(this IServiceCollection services, bool mySql)
    {
        if (mySql)
        {
            services.AddSingleton<IMessageSearch, MySqlMessageSearch>();
            services.AddHostedService<SearchBackfill>();
            services.AddSingleton<IAttachmentStore, MySqlAttachmentStore>();
        }
        else
        {
            // The embedded default's log is the in-memory one registered beside this (ChatSiloExtensions).
            services.AddSingleton<IMessageSearch>(sp => new InMemoryMessageSearch(
                (InMemoryMessageLog)sp.GetRequiredService<IMessageLog>(), sp.GetRequiredService<IRoomDirectoryStore>()));
            services.AddSingleton<IAttachmentStore, InMemoryAttachmentStore>();
        }
        services.AddValidatedOptions<AttachmentCleanupOptions>(AttachmentCleanupOptions.Section);
        services.AddHostedService<AttachmentCleanup>();
        return services;
    }
}
