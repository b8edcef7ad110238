using Chat.ServiceDefaults;

namespace Chat.Gateway.Quotas;

public static class QuotaServices
{
    /// <summary>Per-user quotas: rooms per day, connections and Subscribe streams per user, replay size, reads and joins.</summary>
    public static IServiceCollection AddChatQuotas(this IServiceCollection services)
    {
        services.AddValidatedOptions<QuotaOptions>(QuotaOptions.SectionName);
        services.AddSingleton<UserConnectionCounts>();
        services.AddSingleton<UserRateQuotas>();
        return services;
    }

    /// <summary>Spends the read and join quotas of REST and gRPC requests; after authentication, before the endpoints.</summary>
    public static IApplicationBuilder UseChatQuotas(this IApplicationBuilder app) => app.UseMiddleware<RateQuotaMiddleware>();
}
