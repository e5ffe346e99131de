using Microsoft.Extensions.Options;
using PolicyBot.Core;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyBot.Core.Matching;
using PolicyBot.Core.Meaning;
using PolicyBot.Options;

namespace PolicyBot.Infrastructure;

/// <summary>Registers PolicyBot.Core's assistant: knowledge (loaded and watched), matcher (keywords, then meaning), dialog, cards.</summary>
internal static class AssistantServiceCollectionExtensions
{
    public static IServiceCollection AddPolicyAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MatcherOptions>().Bind(configuration.GetSection(MatcherOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MeaningOptions>().Bind(configuration.GetSection(MeaningOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(provider => new KnowledgeStore(
            ContentPathResolver.Resolve(provider.GetRequiredService<IOptions<ContentOptions>>().Value.KnowledgePath),
            provider.GetRequiredService<ILogger<KnowledgeStore>>()));
        services.AddSingleton<IKnowledgeSource>(provider => provider.GetRequiredService<KnowledgeStore>());
        services.AddHostedService<KnowledgeHostedService>();

        var content = configuration.GetSection(ContentOptions.SectionName).Get<ContentOptions>() ?? new ContentOptions();
        services.AddCardRendering(cards =>
        {
            cards.TemplatesPath = ContentPathResolver.Resolve(content.CardsPath);
            cards.PolicyOfficeContact = content.PolicyOfficeContact;
            cards.PolicyOfficeUrl = content.PolicyOfficeUrl;
        });
        services.AddHostedService<CardTemplateWatcher>();

        services.AddSingleton<PolicyMatcher>();
        services.TryAddSingleton<MeaningStage>();
        services.AddHostedService<MeaningStageHostedService>();
        services.AddSingleton<IQuestionMatcher, TwoStageMatcher>();
        services.AddSingleton<DialogEngine>();
        services.AddSingleton<IPolicyAssistant, PolicyAssistant>();
        return services;
    }
}
