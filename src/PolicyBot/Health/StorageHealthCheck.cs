using HealthChecks.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PolicyBot.Options;
using StackExchange.Redis;

namespace PolicyBot.Health;

/// <summary>
/// Conversation state is reachable: always, in memory; with Redis, AspNetCore.HealthChecks.Redis pings every
/// server over a connection of the check's own (made again after a failure), so readiness
/// reports the store itself, not one turn's luck.
/// </summary>
internal sealed class StorageHealthCheck : IHealthCheck
{
    private readonly StorageOptions _options;
    private readonly RedisHealthCheck? _redis;
    private readonly string _endpoints = string.Empty;

    public StorageHealthCheck(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.UsesRedis)
        {
            var configuration = ConfigurationOptions.Parse(_options.Redis.ConnectionString);
            configuration.ConnectTimeout = (int)_options.Redis.ConnectTimeout.TotalMilliseconds;
            configuration.AsyncTimeout = (int)_options.Redis.OperationTimeout.TotalMilliseconds;
            configuration.ClientName = "policybot-health";
            _endpoints = string.Join(",", configuration.EndPoints.Select(e => e.ToString()));
            _redis = new RedisHealthCheck(configuration.ToString(includePassword: true));
        }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_redis is null)
        {
            return HealthCheckResult.Healthy("conversation state in memory");
        }

        var result = await _redis.CheckHealthAsync(context, cancellationToken);
        return result.Status == HealthStatus.Healthy
            ? HealthCheckResult.Healthy($"Redis storage ({_endpoints}) reachable")
            : new HealthCheckResult(context.Registration.FailureStatus, $"Redis storage ({_endpoints}) unreachable: {FirstClause(result.Description ?? result.Exception?.Message)}");
    }

    // The client's messages go on with buffer and thread-pool counters that belong in a log, not in a health body.
    private static string FirstClause(string? message)
    {
        var text = (message ?? "no answer").Split('\n')[0];
        var end = text.IndexOfAny(['(', ';']);
        text = (end > 0 ? text[..end] : text).Trim();
        return text.Length <= 160 ? text : text[..160] + "…";
    }
}
