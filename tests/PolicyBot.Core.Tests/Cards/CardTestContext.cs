using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>The real templates of cards/, a renderer over them, and one reply of every kind.</summary>
internal static class CardTestContext
{
    public const string Contact = "the NATO Human Security Unit";

    private static readonly Lazy<CardTemplateStore> LazyStore = new(() => new CardTemplateStore(RepoPaths.Cards));

    public static CardTemplateStore Store => LazyStore.Value;

    public static CardRenderer Renderer(CardRendererOptions? options = null) =>
        new(Store, Options.Create(options ?? new CardRendererOptions { PolicyOfficeContact = Contact }));

    /// <summary>A reply of each kind, along every path the dialog can take to it, in every language ("menu", "menu fr").</summary>
    public static IEnumerable<(string Name, DialogReply Reply)> EveryReply(KnowledgeBase knowledge)
    {
        var english = EveryEnglishReply(knowledge).ToList();
        return english.Concat(Languages.Supported.Skip(1).SelectMany(language => english.Select(r => ($"{r.Name} {language}", r.Reply with { Language = language }))));
    }

    private static IEnumerable<(string Name, DialogReply Reply)> EveryEnglishReply(KnowledgeBase knowledge)
    {
        var topic = knowledge.Topics[0];
        var match = new MatchResult(MatchOutcome.Answer, topic, null, 20, 0.9, ["PoC", "civilians"], []);
        yield return ("welcome", new DialogReply(ReplyKind.Welcome) { Options = knowledge.Topics });
        yield return ("welcome-without-options", new DialogReply(ReplyKind.Welcome));
        yield return ("menu", new DialogReply(ReplyKind.Menu) { Options = knowledge.Topics });
        yield return ("help", new DialogReply(ReplyKind.Help));
        yield return ("what-was-missing", new DialogReply(ReplyKind.FeedbackThanks) { Node = knowledge.Topics[0].Children[0], FeedbackRating = "down" });
        yield return ("topic", new DialogReply(ReplyKind.Node) { Node = topic });
        yield return ("topic-matched", new DialogReply(ReplyKind.Node) { Node = topic, Match = match });
        foreach (var child in topic.Children)
        {
            yield return ("sub-question " + child.Id, new DialogReply(ReplyKind.Node) { Node = child, Match = match with { Node = child } });
        }

        yield return ("root", new DialogReply(ReplyKind.Node) { Node = knowledge.Root });
        yield return ("whats-new", new DialogReply(ReplyKind.WhatsNew) { Node = knowledge.Root });
        yield return ("whats-new-2023", new DialogReply(ReplyKind.WhatsNew) { Node = knowledge.Root, WhatsNew = new WhatsNewRequest(2023, Since: false) });
        yield return ("whats-new-since-2030", new DialogReply(ReplyKind.WhatsNew) { Node = knowledge.Root, WhatsNew = new WhatsNewRequest(2030, Since: true) });
        yield return ("disambiguation", new DialogReply(ReplyKind.Disambiguation) { Options = [.. knowledge.Topics.Take(3)], EchoedText = "protection policy" });
        yield return ("disambiguation-no-echo", new DialogReply(ReplyKind.Disambiguation) { Options = [.. knowledge.Topics.Take(2)] });
        yield return ("fallback", new DialogReply(ReplyKind.Fallback) { Options = knowledge.Topics, EchoedText = "football results" });
        yield return ("fallback-contact", new DialogReply(ReplyKind.Fallback) { Options = knowledge.Topics, EchoedText = "football results", OfferContact = true });
        yield return ("fallback-no-echo", new DialogReply(ReplyKind.Fallback));
        yield return ("fallback-suggestions", new DialogReply(ReplyKind.Fallback)
        {
            Options = knowledge.Topics,
            EchoedText = "teenagers with rifles at the roadblock",
            Suggestions = [knowledge.Topics[2], knowledge.Topics[1].Children[0], knowledge.Topics[0]],
            OfferContact = true,
        });
    }

    /// <summary>Every Action.Submit / Action.OpenUrl of a card, wherever it is.</summary>
    public static IEnumerable<JsonObject> Actions(JsonNode card, string type) =>
        Descendants(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == type);

    public static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
