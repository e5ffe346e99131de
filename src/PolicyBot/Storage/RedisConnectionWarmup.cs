using Microsoft.Extensions.Options;
using PolicyBot.Options;

namespace PolicyBot.Storage;

/// <summary>
/// Starts connecting to Redis when the host starts, without waiting for it: an instance whose Redis is away still
/// starts, reports degraded on /healthz, and serves as soon as Redis answers.
/// </summary>
internal sealed partial class RedisConnectionWarmup : IHostedService
{
    private readonly IOptions<StorageOptions> _options;
    private readonly IServiceProvider _services;
    private readonly ILogger<RedisConnectionWarmup> _logger;

    // The connection is resolved only when Redis is the provider: made eagerly, it would parse a Redis setting that
    // a memory-store deployment does not use (and may have left unset or stale).
    public RedisConnectionWarmup(IOptions<StorageOptions> options, IServiceProvider services, ILogger<RedisConnectionWarmup> logger)
    {
        _options = options;
        _services = services;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.UsesRedis)
        {
            _ = ConnectAsync(_services.GetRequiredService<RedisConnection>());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ConnectAsync(RedisConnection connection)
    {
        try
        {
            await connection.GetDatabaseAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Turns will try again and get "temporarily unavailable" until Redis answers.
            LogConnectFailed(ex, connection.Endpoints);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start connecting to Redis storage ({Endpoints})")]
    private partial void LogConnectFailed(Exception exception, string endpoints);
}
