using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Meaning;
using PolicyBot.Options;
using PolicyBot.Storage;

namespace PolicyBot.Health;

/// <summary>
/// ASP.NET Core health checks, tagged: "live" ones answer /healthz (the process is up: restart it if not), "ready"
/// ones /readyz (send it traffic: knowledge loaded, storage reachable, and whatever else is registered with the
/// tag). Both answer JSON: status (ok, starting or degraded), version, each check and, when not ok, the reasons.
/// </summary>
internal static class HealthEndpoints
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";

    public static readonly string Version = typeof(HealthEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One more readiness condition (for example the meaning stage) is one more line here.</summary>
    public static IServiceCollection AddPolicyBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("running"), tags: [LiveTag])
            .AddCheck<AnalyticsHealthCheck>("analytics", tags: [LiveTag])
            .AddCheck<KnowledgeHealthCheck>("knowledge", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .Add(new HealthCheckRegistration("meaning", p => new MeaningHealthCheck(p.GetRequiredService<MeaningStage>(), forReadiness: false), null, [LiveTag]))
            .Add(new HealthCheckRegistration("meaning-ready", p => new MeaningHealthCheck(p.GetRequiredService<MeaningStage>(), forReadiness: true), null, [ReadyTag]));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>();
            return new StorageHealthCheck(options, options.Value.UsesRedis ? sp.GetRequiredService<RedisConnection>() : null);
        });
        return services;
    }

    public static WebApplication MapPolicyBotHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, Options(LiveTag));
        app.MapHealthChecks(ReadyPath, Options(ReadyTag));
        return app;
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).ToList();

        // Today's clients read "status": ok; starting while content loads; degraded when a dependency is down.
        var status = failing.Count == 0 ? "ok" : failing.Any(e => e.Value.Data.ContainsKey("starting")) ? "starting" : "degraded";
        var body = new
        {
            status,
            version = Version,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
            reasons = failing.Count == 0 ? null : failing.Select(e => e.Value.Description ?? e.Key),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
