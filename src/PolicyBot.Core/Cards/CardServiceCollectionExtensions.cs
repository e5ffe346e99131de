using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PolicyBot.Core.Cards;

/// <summary>Registers the card templates (loaded and checked at start) and the renderer.</summary>
public static class CardServiceCollectionExtensions
{
    public static IServiceCollection AddCardRendering(this IServiceCollection services, Action<CardRendererOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CardRendererOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CardRendererOptions>, CardRendererOptionsValidator>();
        services.AddSingleton(provider => new CardTemplateStore(
            provider.GetRequiredService<IOptions<CardRendererOptions>>().Value.TemplatesPath,
            provider.GetService<ILogger<CardTemplateStore>>()));
        services.AddSingleton(provider => new CardRenderer(
            provider.GetRequiredService<CardTemplateStore>(),
            provider.GetRequiredService<IOptions<CardRendererOptions>>(),
            provider.GetService<ILogger<CardRenderer>>()));
        services.AddSingleton<ICardRenderer>(provider => provider.GetRequiredService<CardRenderer>());
        services.AddSingleton<IShareCardRenderer>(provider => provider.GetRequiredService<CardRenderer>());
        return services;
    }
}
