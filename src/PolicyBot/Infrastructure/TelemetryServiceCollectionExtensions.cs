using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PolicyBot.Core.Telemetry;
using PolicyBot.Health;
using PolicyBot.Options;
using PolicyBot.Storage;
using StackExchange.Redis;

namespace PolicyBot.Infrastructure;

/// <summary>
/// OpenTelemetry: PolicyBot's own spans and metrics (<see cref="PolicyBotTelemetry"/>), ASP.NET Core, outgoing HTTP
/// (connector replies, Direct Line) and Redis. Exporters are chosen by configuration only, none by default: OTLP
/// when OTEL_EXPORTER_OTLP_ENDPOINT is set, Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and a
/// Prometheus scrape endpoint when Telemetry:Prometheus is true.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    internal const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    internal const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddPolicyBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart()
            .Validate(o => o.PrometheusPath.StartsWith('/'), "Telemetry:PrometheusPath must start with '/'.");
        services.AddSingleton<PolicyBotTelemetry>();

        // Which exporters exist is decided while services are registered, before any IOptions can be resolved: the one
        // place these settings are read by hand. Everything later (the probe filter, the scrape endpoint) uses IOptions.
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration[AzureMonitorKey]);
        services.AddSingleton(new TelemetryExporters(options.Prometheus, options.PrometheusPath));
        if (!otlp && !azureMonitor && !options.Prometheus)
        {
            // Nothing to export to: no SDK, no listeners, no cost. The instruments still exist (and tests can listen).
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceVersion: HealthEndpoints.Version))
            .WithTracing(tracing => tracing
                .AddSource(PolicyBotTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRedisInstrumentation()
                .ConfigureRedisInstrumentation((provider, redis) => TraceRedisStorage(provider, redis)))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PolicyBotTelemetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        services.AddOptions<AspNetCoreTraceInstrumentationOptions>().Configure<IOptions<TelemetryOptions>>(
            (aspNetCore, telemetryOptions) => aspNetCore.Filter = context => !IsProbe(context.Request.Path, telemetryOptions.Value));

        if (otlp)
        {
            // Endpoint, protocol, headers and timeouts come from the standard OTEL_EXPORTER_OTLP_* settings.
            telemetry.UseOtlpExporter();
        }

        if (azureMonitor)
        {
            telemetry.UseAzureMonitor(monitor => monitor.ConnectionString = configuration[AzureMonitorKey]);
        }

        return services;
    }

    public static WebApplication MapPolicyBotTelemetry(this WebApplication app)
    {
        // The choice made when services were registered; a bad path is refused at start by the options validation.
        var exporters = app.Services.GetRequiredService<TelemetryExporters>();
        if (exporters.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(exporters.PrometheusPath);
        }

        return app;
    }

    // The storage's multiplexers are made (and replaced) at run time: each is attached as it comes.
    private static void TraceRedisStorage(IServiceProvider provider, StackExchangeRedisInstrumentation instrumentation)
    {
        if (!provider.GetRequiredService<IOptions<StorageOptions>>().Value.UsesRedis)
        {
            return;
        }

        var connection = provider.GetRequiredService<RedisConnection>();
        var attached = new HashSet<IConnectionMultiplexer>();
        void Attach(IConnectionMultiplexer multiplexer)
        {
            lock (attached)
            {
                if (attached.Add(multiplexer))
                {
                    instrumentation.AddConnection(multiplexer);
                }
            }
        }

        connection.Connected += (_, multiplexer) => Attach(multiplexer);
        if (connection.Current is { } current)
        {
            Attach(current);
        }
    }

    // Load balancer probes and scrapes every few seconds would drown the turns in the traces.
    private static bool IsProbe(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments(HealthEndpoints.LivePath) || path.StartsWithSegments(HealthEndpoints.ReadyPath) || path.StartsWithSegments(options.PrometheusPath);
}

/// <summary>Which exporters were set up at registration (the endpoints mapped later follow the same choice).</summary>
internal sealed record TelemetryExporters(bool Prometheus, string PrometheusPath);
