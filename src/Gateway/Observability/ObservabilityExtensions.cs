using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Chat.Gateway.Observability;

/// <summary>Metrics (OpenTelemetry → Prometheus text at /metrics) and log format for the gateway.</summary>
public static class ObservabilityExtensions
{
    /// <summary>The name this process reports as <c>service.name</c> (Prometheus <c>target_info</c>).</summary>
    public const string ServiceName = "chat-gateway";

    /// <summary><c>true</c> switches console logs to one JSON object per line, for log shippers.</summary>
    public const string JsonLogsKey = "Logging:Json";

    /// <summary>
    /// Meters exported besides <see cref="ChatMetrics"/>: ASP.NET Core's built-in ones (HTTP server, Kestrel
    /// connections and upgrades, SignalR connections by transport, routing, exceptions, rate limiting, auth),
    /// the Orleans client's, and the runtime's (GC, thread pool, memory). Built into .NET 10, so no
    /// instrumentation packages are needed.
    /// </summary>
    private static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.*", "Microsoft.Orleans", "System.Runtime"];

    public static TBuilder AddChatObservability<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ObservabilityOptions>()
            .BindConfiguration(ObservabilityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        if (builder.Configuration.GetValue<bool>(JsonLogsKey))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ChatMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddMeter(ChatMetrics.MeterName)
                .AddMeter(FrameworkMeters)
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// Maps the Prometheus scrape endpoint (<see cref="ObservabilityOptions.MetricsPath"/>, open to anonymous
    /// scrapers; restricted to <see cref="ObservabilityOptions.MetricsPort"/> when that is set).
    /// </summary>
    public static IEndpointConventionBuilder MapChatObservability(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        return endpoints
            .MapPrometheusScrapingEndpoint(
                options.MetricsPath,
                meterProvider: null,
                configureBranchedPipeline: options.MetricsPort is { } port ? pipeline => OnlyOnLocalPort(pipeline, port) : null,
                optionsName: null)
            .AllowAnonymous();
    }

    private static void OnlyOnLocalPort(IApplicationBuilder pipeline, int port) =>
        pipeline.Use((context, next) =>
        {
            if (context.Connection.LocalPort == port)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
}
