using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Cards;

/// <summary>
/// Builds each card's template data and the plain text of the reply from a <see cref="DialogReply"/>. Every field
/// a template binds is always present (empty string or empty array when there is nothing), because the official
/// templating library shows a missing field as "${name}".
/// </summary>
internal sealed class CardModelBuilder(CardRendererOptions options)
{
    /// <summary>Teams shows at most six actions in one ActionSet; longer lists are split into several sets.</summary>
    public const int MaxActionsPerSet = 6;

    /// <summary>
    /// Choices (topics, sub-questions, documents) have long titles that a row of buttons cuts to "2. Prot…", so
    /// each gets a row of its own; short buttons (feedback, navigation) share one.
    /// </summary>
    public const int ChoicesPerSet = 1;

    private const int MaxButtonTitleLength = 80;

    public CardModel Build(DialogReply reply, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(knowledge);
        return reply.Kind switch
        {
            ReplyKind.Node => Node(reply, knowledge),
            ReplyKind.Disambiguation => Disambiguation(reply),
            ReplyKind.Fallback => Fallback(reply, knowledge),
            ReplyKind.Welcome => Welcome(reply, knowledge),
            ReplyKind.Menu => Menu(reply, knowledge),
            ReplyKind.Help => Help(),
            ReplyKind.FeedbackThanks => FeedbackThanks(reply),
            _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.Kind, "unknown reply kind"),
        };
    }

    private CardModel Node(DialogReply reply, KnowledgeBase knowledge)
    {
        var node = reply.Node ?? throw new ArgumentException("A Node reply needs its Node.", nameof(reply));
        var topic = knowledge.Find(node.TopicId) ?? node;
        var title = node.Title.Get();
        var summary = node.Summary.Get();
        var statusLine = StatusLine(node, topic);
        var changes = node.Changes.Count > 0 || ReferenceEquals(topic, node) ? node.Changes : topic.Changes;
        // The dialog's options are what a typed number picks, so the buttons show them in its order, numbered.
        var questions = reply.Options.Count > 0 ? reply.Options : DialogEngine.OptionsUnder(node, knowledge);
        var shown = new HashSet<string>(questions.Select(q => q.Id), StringComparer.Ordinal) { node.Id };
        var related = node.RelatedIds
            .Select(knowledge.Find)
            .OfType<KnowledgeNode>()
            .Where(r => shown.Add(r.Id))
            .ToList();
        var linked = node.Sources.Where(s => s.Url is not null).ToList();
        var unlinked = node.Sources.Where(s => s.Url is null).ToList();

        var data = new JsonObject
        {
            ["id"] = node.Id,
            ["title"] = title,
            ["status"] = statusLine,
            ["updates"] = Array(changes.Select(c => new JsonObject
            {
                ["date"] = CardText.FormatPartialDate(c.Date),
                ["text"] = c.Text.Get(),
            })),
            ["summary"] = summary,
            ["obligations"] = Array(node.Obligations.Select(o => new JsonObject
            {
                ["who"] = o.Who.Get(),
                ["what"] = o.What.Get(),
                ["source"] = ObligationSource(o),
            })),
            ["documentSets"] = ActionSets(linked.Select(d => new JsonObject
            {
                ["title"] = CardText.Truncate(d.Title, MaxButtonTitleLength),
                ["url"] = d.Url!.AbsoluteUri,
            })),
            ["otherDocuments"] = Array(unlinked.Select(d => new JsonObject { ["text"] = DocumentText(d) })),
            ["questionSets"] = ActionSets(NumberedButtons(questions)),
            ["relatedSets"] = ActionSets(related.Select(r => NodeButton(r.Title.Get(), r.Id))),
            ["matchedBecause"] = MatchedBecause(reply),
            ["shortened"] = false,
            ["footerSets"] = ActionSets(
            [
                Button("👍 Helpful", SubmitPayload.Feedback(node.Id, helpful: true, "👍 Helpful")),
                Button("👎 Not helpful", SubmitPayload.Feedback(node.Id, helpful: false, "👎 Not helpful")),
                Button("◀ Back", SubmitPayload.Create(SubmitActions.Back, node.Id, "Back")),
                Button("☰ Topics", SubmitPayload.Create(SubmitActions.Menu, null, "Topics")),
            ], MaxActionsPerSet),
        };

        var text = new StringBuilder().AppendLine(title);
        AppendIfAny(text, statusLine);
        text.AppendLine().AppendLine(summary);
        if (node.Obligations.Count > 0)
        {
            text.AppendLine().AppendLine("Who must do what:");
            foreach (var o in node.Obligations)
            {
                var source = ObligationSource(o);
                text.Append("- ").Append(o.Who.Get()).Append(" → ").Append(o.What.Get())
                    .AppendLine(source.Length > 0 ? $" ({source})" : string.Empty);
            }
        }

        if (changes.Count > 0)
        {
            text.AppendLine();
            foreach (var change in changes)
            {
                text.Append("Updated ").Append(CardText.FormatPartialDate(change.Date)).Append(": ").AppendLine(change.Text.Get());
            }
        }

        if (node.Sources.Count > 0)
        {
            text.AppendLine().AppendLine("Sources:");
            foreach (var d in linked)
            {
                text.Append("- ").Append(d.Title).Append(": ").AppendLine(d.Url!.AbsoluteUri);
            }

            foreach (var d in unlinked)
            {
                text.Append("- ").AppendLine(DocumentText(d));
            }
        }

        AppendList(text, "More on this topic (type a number):", questions.Select(q => q.Title.Get()), numbered: true);
        AppendList(text, "Related:", related.Select(r => r.Title.Get()), numbered: false);

        data["fallbackText"] = Lines(title, statusLine, summary);
        return new CardModel(CardTemplateNames.Node, data, text.ToString().TrimEnd(), NodeOptionalParts);
    }

    /// <summary>What a node card can lose, least useful first, to stay under the size limit.</summary>
    private static readonly string[] NodeOptionalParts = ["matchedBecause", "otherDocuments", "relatedSets", "updates", "obligations", "questionSets"];

    private CardModel Disambiguation(DialogReply reply)
    {
        var echo = CardText.EscapeUserText(reply.EchoedText, options.MaxEchoLength);
        var candidates = reply.Options;
        var buttons = candidates.Select((c, i) => NodeButton($"{i + 1}. {c.Title.Get()}", c.Id)).ToList();
        buttons.Add(Button("None of these", SubmitPayload.Create(SubmitActions.NoneOfThese, null, "None of these")));

        var text = new StringBuilder("Which did you mean?").AppendLine();
        AppendList(text, null, candidates.Select(c => c.Title.Get()), numbered: true);
        text.AppendLine("Type a number, or rephrase your question.");

        var data = new JsonObject
        {
            ["echo"] = echo,
            ["optionSets"] = ActionSets(buttons),
            ["fallbackText"] = "Which did you mean? " + string.Join(" ", candidates.Select((c, i) => $"{i + 1}. {c.Title.Get()}")),
        };
        return new CardModel(CardTemplateNames.Disambiguation, data, text.ToString().TrimEnd(), []);
    }

    private CardModel Fallback(DialogReply reply, KnowledgeBase knowledge)
    {
        var typed = CardText.TruncateUserText(reply.EchoedText, options.MaxEchoLength);
        var topics = MenuTopics(reply, knowledge);
        var contact = reply.OfferContact ? options.PolicyOfficeContact : string.Empty;
        var contactUrl = contact.Length > 0 ? options.PolicyOfficeUrl : string.Empty;

        var suggestions = reply.Suggestions;
        var text = new StringBuilder(typed.Length > 0 ? $"I found nothing on “{typed}”." : "I could not find an answer to that.").AppendLine();
        if (suggestions.Count > 0)
        {
            // Honest: these are near in meaning, not claimed as the answer.
            text.AppendLine("Closest to your question (not an exact answer):");
            AppendList(text, null, suggestions.Select(s => s.Title.Get()), numbered: true);
            text.AppendLine();
        }

        text.AppendLine(suggestions.Count > 0 ? "Or pick a topic by its number:" : "I answer questions on NATO's Human Security policies. Pick a topic by its number:");
        AppendList(text, null, topics.Select(t => t.Title.Get()), numbered: true, firstNumber: suggestions.Count + 1);
        text.AppendLine("Tip: name the policy (for example \"protection of civilians\") and ask one thing at a time.");
        if (contact.Length > 0)
        {
            text.Append("For anything else, contact ").Append(contact).Append(contactUrl.Length > 0 ? $" ({contactUrl})" : string.Empty).AppendLine(".");
        }

        var data = new JsonObject
        {
            ["echo"] = CardText.EscapeUserText(reply.EchoedText, options.MaxEchoLength),
            ["suggestionSets"] = ActionSets(NumberedButtons(suggestions)),
            ["topicSets"] = ActionSets(NumberedButtons(topics, firstNumber: suggestions.Count + 1)),
            ["contact"] = contact,
            ["contactUrl"] = contactUrl,
            // Some hosts render fallbackText as markdown: only the escaped echo goes in.
            ["fallbackText"] = typed.Length > 0 ? $"I found nothing on “{CardText.EscapeUserText(reply.EchoedText, options.MaxEchoLength)}”. Type menu for the topics." : "I could not find an answer to that. Type menu for the topics.",
        };
        return new CardModel(CardTemplateNames.Fallback, data, text.ToString().TrimEnd(), []);
    }

    private static CardModel Welcome(DialogReply reply, KnowledgeBase knowledge)
    {
        var topics = MenuTopics(reply, knowledge);
        var intro = knowledge.Root.Summary.Get();
        var text = new StringBuilder("Welcome to PolicyBot.").AppendLine().AppendLine(intro).AppendLine();
        AppendList(text, "Pick a topic by its number, or type a question:", topics.Select(t => t.Title.Get()), numbered: true);
        text.AppendLine("Type help for tips.");

        var data = new JsonObject
        {
            ["title"] = knowledge.Root.Title.Get(),
            ["intro"] = intro,
            ["topicSets"] = ActionSets(NumberedButtons(topics)),
            ["helpSets"] = ActionSets([Button("❔ How to ask", SubmitPayload.Create(SubmitActions.Help, null, "Help"))]),
            ["fallbackText"] = "Welcome to PolicyBot. Type a question about NATO's Human Security policies, menu for the topics, or help.",
        };
        return new CardModel(CardTemplateNames.Welcome, data, text.ToString().TrimEnd(), []);
    }

    private static CardModel Menu(DialogReply reply, KnowledgeBase knowledge)
    {
        var topics = MenuTopics(reply, knowledge);
        var text = new StringBuilder();
        AppendList(text, "Topics (type a number or ask a question):", topics.Select(t => t.Title.Get()), numbered: true);
        var data = new JsonObject
        {
            ["topicSets"] = ActionSets(NumberedButtons(topics)),
            ["fallbackText"] = "Topics: " + string.Join(" ", topics.Select((t, i) => $"{i + 1}. {t.Title.Get()}")),
        };
        return new CardModel(CardTemplateNames.Menu, data, text.ToString().TrimEnd(), []);
    }

    private static CardModel Help()
    {
        const string text = """
            How to ask PolicyBot
            Ask in plain words, one thing at a time, and name the policy: "What does the PoC policy require?", "Who does the WPS policy apply to?", "Which UN resolutions cover children in armed conflict?"
            Commands: help (this text), menu (the topics), back (the previous answer), start over (forget this conversation), or a number to pick one of the options just offered.
            """;
        var data = new JsonObject
        {
            ["menuSets"] = ActionSets([Button("☰ Topics", SubmitPayload.Create(SubmitActions.Menu, null, "Topics"))]),
            ["fallbackText"] = "Ask one thing at a time and name the policy. Commands: help, menu, back, start over, or a number.",
        };
        return new CardModel(CardTemplateNames.Help, data, text, []);
    }

    private static CardModel FeedbackThanks(DialogReply reply) =>
        CardModel.TextOnly(string.Equals(reply.FeedbackRating, "down", StringComparison.OrdinalIgnoreCase)
            ? "Thank you. I have noted that this answer did not help; try rephrasing, or type menu for the topics."
            : "Thank you for your feedback.");

    private static string StatusLine(KnowledgeNode node, KnowledgeNode topic)
    {
        var status = node.Status.IsEmpty ? topic.Status.Get() : node.Status.Get();
        var asOf = node.AsOf ?? topic.AsOf;
        return Join(" · ", status, asOf is { } date ? "facts as of " + CardText.FormatDate(date) : string.Empty);
    }

    /// <summary>The topics offered: the dialog's options, else every topic.</summary>
    private static IReadOnlyList<KnowledgeNode> MenuTopics(DialogReply reply, KnowledgeBase knowledge) =>
        reply.Options.Count > 0 ? reply.Options : knowledge.Topics;

    private string MatchedBecause(DialogReply reply)
    {
        if (reply.Match is { ClosestExample: { } example })
        {
            return "Matched by meaning: closest to “" + CardText.EscapeUserText(example, options.MaxEchoLength) + "”";
        }

        if (reply.Match is not { MatchedTerms.Count: > 0 } match)
        {
            return string.Empty;
        }

        var terms = match.MatchedTerms.Take(5).Select(t => "“" + CardText.EscapeUserText(t, options.MaxEchoLength) + "”");
        return "Matched because of " + string.Join(", ", terms);
    }

    private static string ObligationSource(Obligation obligation) =>
        Join(", ", obligation.Source.Title, obligation.Reference ?? string.Empty);

    private static string DocumentText(SourceDocument document)
    {
        var detail = Join(", ", document.Issuer, CardText.FormatPartialDate(document.Date));
        return detail.Length > 0 ? $"{document.Title} ({detail})" : document.Title;
    }

    private static List<JsonObject> NumberedButtons(IReadOnlyList<KnowledgeNode> topics, int firstNumber = 1) =>
        [.. topics.Select((t, i) => NodeButton($"{i + firstNumber}. {t.Title.Get()}", t.Id))];

    private static JsonObject NodeButton(string title, string id) => Button(title, SubmitPayload.Node(id, StripNumber(title)));

    private static JsonObject Button(string title, JsonObject data) => new()
    {
        ["title"] = CardText.Truncate(title, MaxButtonTitleLength),
        ["data"] = data,
    };

    /// <summary>"2. Protection of Civilians" is what the button shows; the chat shows the user's choice without the number.</summary>
    private static string StripNumber(string title)
    {
        var dot = title.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 && title[..dot].All(char.IsAsciiDigit) ? title[(dot + 2)..] : title;
    }

    private static JsonArray ActionSets(IEnumerable<JsonObject> actions, int perSet = ChoicesPerSet) =>
        Array(actions.Chunk(perSet).Select(chunk => new JsonObject { ["actions"] = Array(chunk) }));

    private static JsonArray Array(IEnumerable<JsonNode> items) => new([.. items]);

    private static void AppendIfAny(StringBuilder text, string line)
    {
        if (line.Length > 0)
        {
            text.AppendLine(line);
        }
    }

    private static void AppendList(StringBuilder text, string? heading, IEnumerable<string> items, bool numbered, int firstNumber = 1)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        if (heading is not null)
        {
            text.AppendLine().AppendLine(heading);
        }

        for (var i = 0; i < list.Count; i++)
        {
            text.Append(numbered ? $"{i + firstNumber}. " : "- ").AppendLine(list[i]);
        }
    }

    private static string Join(string separator, params string[] parts) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string Lines(params string[] lines) =>
        string.Join("\n", lines.Where(p => p.Length > 0));
}
