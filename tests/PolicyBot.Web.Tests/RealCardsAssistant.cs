using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyBot.Core;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Testing;

namespace PolicyBot.Web.Tests;

/// <summary>
/// The real assistant (knowledge/, the dialog engine, the card templates in cards/) for a browser test, with a
/// matcher that always answers with the Protection of Civilians topic: the page is tested with the cards the bot
/// really sends, whatever the state of the keyword matcher.
/// </summary>
internal static class RealCardsAssistant
{
    public const string TopicId = "protection-of-civilians";

    public static void Register(IServiceCollection services)
    {
        var knowledge = new KnowledgeStore(RepoPaths.Knowledge, NullLogger<KnowledgeStore>.Instance);
        var loaded = knowledge.Reload();
        if (!loaded.Succeeded)
        {
            throw new InvalidOperationException("The repo's knowledge/ did not load for the browser test.");
        }

        var cards = new CardRenderer(
            new CardTemplateStore(RepoPaths.Cards),
            Microsoft.Extensions.Options.Options.Create(new CardRendererOptions { TemplatesPath = RepoPaths.Cards }));
        services.RemoveAll<IPolicyAssistant>();
        services.AddSingleton(knowledge);
        services.AddSingleton<IPolicyAssistant>(new PolicyAssistant(knowledge, new DialogEngine(new AlwaysProtectionOfCivilians()), cards));
    }

    private sealed class AlwaysProtectionOfCivilians : IQuestionMatcher
    {
        public MatchResult Match(string question, KnowledgeBase knowledge) =>
            new(MatchOutcome.Answer, knowledge.Find(TopicId), Facet.Overview, 20, 1, ["protection of civilians"], [new MatchCandidate(TopicId, 20)]);
    }
}
