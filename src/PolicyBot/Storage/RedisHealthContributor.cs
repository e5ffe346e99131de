using Microsoft.Extensions.Options;
using PolicyBot.Infrastructure;
using PolicyBot.Options;

namespace PolicyBot.Storage;

/// <summary>/healthz is degraded while the Redis store is not connected; silent when state is kept in memory.</summary>
internal sealed class RedisHealthContributor : IHealthContributor
{
    private readonly IOptions<StorageOptions> _options;
    private readonly IServiceProvider _services;

    public RedisHealthContributor(IOptions<StorageOptions> options, IServiceProvider services)
    {
        _options = options;
        _services = services;
    }

    public string? Check() => _options.Value.UsesRedis ? _services.GetRequiredService<RedisConnection>().HealthProblem() : null;
}
