using HealthChecks.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PolicyBot.Options;
using PolicyBot.Storage;
using StackExchange.Redis;

namespace PolicyBot.Health;

/// <summary>
/// Conversation state is reachable: always, in memory; with Redis, AspNetCore.HealthChecks.Redis pings every
/// server over a connection of the check's own (made again after a failure), so readiness
/// reports the store itself, not one turn's luck. Redis answering is not enough: this instance's own connection
/// reconnects on its own back-off, and until it has, turns would still get "temporarily unavailable".
/// </summary>
internal sealed class StorageHealthCheck : IHealthCheck
{
    private readonly StorageOptions _options;
    private readonly RedisHealthCheck? _redis;
    private readonly RedisConnection? _connection;
    private readonly string _endpoints = string.Empty;

    /// <param name="connection">This instance's connection to Redis; null with the memory store.</param>
    public StorageHealthCheck(IOptions<StorageOptions> options, RedisConnection? connection)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _connection = connection;
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
        if (result.Status != HealthStatus.Healthy)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis storage ({_endpoints}) unreachable: {FirstClause(result.Description ?? result.Exception?.Message)}");
        }

        return _connection?.HealthProblem() is { } problem
            ? new HealthCheckResult(context.Registration.FailureStatus, $"{problem} (Redis answers; this instance's connection is not restored yet)")
            : HealthCheckResult.Healthy($"Redis storage ({_endpoints}) reachable");
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
