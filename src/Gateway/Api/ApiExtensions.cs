using Microsoft.AspNetCore.Http.Json;

namespace Chat.Gateway.Api;

public static class ApiExtensions
{
    /// <summary>Problem details for every error, one exception translator, strict request binding, rate limits.</summary>
    public static IServiceCollection AddChatApi(this IServiceCollection services)
    {
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemDefaults.Apply);
        services.AddExceptionHandler<ChatExceptionHandler>();
        // A body or query value the framework cannot read reaches the translator as an exception (400 / 413 / 415).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.PropertyNameCaseInsensitive = true);
        services.AddChatRateLimits();
        services.AddSearchLimits();
        return services;
    }

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapUsersApi();
        endpoints.MapProfilesApi();
        endpoints.MapSessionsApi();
        endpoints.MapConnectTicketApi();
        endpoints.MapChatRoutes();
        endpoints.MapConversationsApi();
        endpoints.MapMessagesApi();
        endpoints.MapSearchApi();
        endpoints.MapAttachmentsApi();
        return endpoints;
    }
}
