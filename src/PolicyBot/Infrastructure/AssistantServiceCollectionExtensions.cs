using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PolicyBot.Core;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Core.Meaning;
using PolicyBot.Core.Sharing;
using PolicyBot.Core.Telemetry;
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

        services.AddSingleton(provider =>
        {
            var store = new KnowledgeStore(
                ContentFolders.Resolve(provider.GetRequiredService<IOptions<ContentOptions>>().Value.KnowledgePath),
                provider.GetRequiredService<ILogger<KnowledgeStore>>());
            var telemetry = provider.GetRequiredService<PolicyBotTelemetry>();
            store.Reloaded += (_, _) => telemetry.RecordKnowledgeReload(loaded: true);
            store.ReloadRefused += (_, _) => telemetry.RecordKnowledgeReload(loaded: false);
            return store;
        });
        services.AddSingleton<IKnowledgeSource>(provider => provider.GetRequiredService<KnowledgeStore>());
        services.AddHostedService<KnowledgeHostedService>();

        services.AddCardRendering(static _ => { });
        // The cards' settings come from the validated Content options, like the knowledge folder above.
        services.AddOptions<CardRendererOptions>().Configure<IOptions<ContentOptions>>(static (cards, contentOptions) =>
        {
            var content = contentOptions.Value;
            cards.TemplatesPath = ContentFolders.Resolve(content.CardsPath);
            cards.PolicyOfficeContact = content.PolicyOfficeContact;
            cards.PolicyOfficeUrl = content.PolicyOfficeUrl;
        });
        services.AddHostedService<CardTemplateWatcher>();

        services.TryAddSingleton<PolicyBotTelemetry>();
        services.AddSingleton<PolicyMatcher>();
        services.TryAddSingleton<MeaningStage>();
        services.AddHostedService<MeaningStageHostedService>();
        // The keyword tree (timed), then meaning where it cannot be trusted alone (timed inside).
        services.AddSingleton<IQuestionMatcher>(provider => new TwoStageMatcher(
            new TimedQuestionMatcher(provider.GetRequiredService<PolicyMatcher>(), provider.GetRequiredService<PolicyBotTelemetry>()),
            provider.GetRequiredService<MeaningStage>(),
            provider.GetRequiredService<PolicyBotTelemetry>()));
        services.AddSingleton<DialogEngine>();
        services.AddSingleton<IPolicyAssistant, PolicyAssistant>();
        // Answers shared into conversations (Teams' message extension, link previews), found with the same matcher.
        services.AddSingleton(provider => new PolicySearch(provider.GetRequiredService<IQuestionMatcher>(), provider.GetRequiredService<MeaningStage>()));
        services.AddSingleton<IPolicySharing, PolicySharing>();
        return services;
    }
}
