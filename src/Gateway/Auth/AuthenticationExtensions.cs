using Chat.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Auth;

public static class AuthenticationExtensions
{
    /// <summary>JWT bearer authentication for every transport, token issuing and password hashing.</summary>
    public static IServiceCollection AddChatAuthentication(this IServiceCollection services)
    {
        services.AddValidatedOptions<JwtOptions>(JwtOptions.SectionName);
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddValidatedOptions<PasswordHashingOptions>(PasswordHashingOptions.SectionName);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<SessionValidationEvents>();
        services.AddSingleton<LiveSessions>();
        services.AddSingleton<ConnectTickets>();
        services.AddHostedService<SessionRevocationListener>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenIssuer>((options, issuer) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = issuer.ValidationParameters();
                options.EventsType = typeof(SessionValidationEvents);
            });
        services.AddAuthorization();
        return services;
    }
}
