using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chat.ServiceDefaults;

/// <summary>
/// Metrics (OpenTelemetry → Prometheus text at /metrics), traces and log format, the same for every host. Traces and
/// metrics also go out over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OTEL_* variables
/// configure the exporter); without it no tracer is registered and no span is made (Orleans and ASP.NET Core create
/// spans only while a listener exists).
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary><c>true</c> switches console logs to one JSON object per line, for log shippers.</summary>
    public const string JsonLogsKey = "Logging:Json";

    /// <summary>The standard variable that names the OTLP collector; OTLP export is on only when it is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The runtime's meter (GC, thread pool, memory), built into .NET 10.</summary>
    private const string RuntimeMeter = "System.Runtime";

    public static TBuilder AddChatObservability<TBuilder>(this TBuilder builder, ObservabilityProfile profile) where TBuilder : IHostApplicationBuilder
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
        var orleansMessageMetrics = builder.Configuration.GetValue<bool>($"{ObservabilityOptions.SectionName}:{nameof(ObservabilityOptions.OrleansMessageMetrics)}");
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(profile.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. profile.Meters, RuntimeMeter]).AddPrometheusExporter();
                if (!orleansMessageMetrics)
                {
                    foreach (var instrument in ObservabilityProfile.OrleansPerMessageInstruments)
                    {
                        metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                    }
                }
            });
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            // Spans are only made while something listens: without a collector, no tracer, so no cost per request or grain call.
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsScrapeOrProbe(context))
                    .AddSource([.. profile.ActivitySources]))
                .UseOtlpExporter();
        }
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

    /// <summary>Scrapes and health probes would drown the traces that matter.</summary>
    private static bool IsScrapeOrProbe(HttpContext context)
    {
        var path = context.Request.Path;
        var metricsPath = context.RequestServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value.MetricsPath;
        return HealthPaths.IsProbe(path) || path.StartsWithSegments(metricsPath);
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
