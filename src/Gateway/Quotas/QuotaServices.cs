using Chat.ServiceDefaults;

namespace Chat.Gateway.Quotas;

public static class QuotaServices
{
    /// <summary>Per-user quotas: rooms per day, connections and Subscribe streams per user, replay size.</summary>
    public static IServiceCollection AddChatQuotas(this IServiceCollection services)
    {
        services.AddValidatedOptions<QuotaOptions>(QuotaOptions.SectionName);
        services.AddSingleton<UserConnectionCounts>();
        return services;
    }
}
