using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PolicyBot.Options;
using PolicyBot.Storage;

namespace PolicyBot.Infrastructure;

/// <summary>Chooses the conversation store from configuration (Storage:Provider): the bounded memory store by default, or Redis.</summary>
internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // The provider is read when the store is first resolved, after every configuration source (tests included) is in.
        services.AddSingleton<IStorage>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.UsesRedis
                ? new RedisStorage(sp.GetRequiredService<RedisConnection>(), options.Redis, options.RedisExpiry)
                : new BoundedMemoryStorage(options.IdleTimeout, options.Memory.MaxConversations, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BoundedMemoryStorage>>());
        });
        services.AddSingleton(sp => new RedisConnection(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Redis,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddHostedService<RedisConnectionWarmup>();
        return services;
    }
}
