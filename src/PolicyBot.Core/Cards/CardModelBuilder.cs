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
            ReplyKind.FeedbackCommentThanks => CardModel.TextOnly("Thank you. Your note goes to the people who keep this content current."),
            ReplyKind.WhatsNew => WhatsNew(reply, knowledge),
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
        var changes = NewestFirst(node.Changes.Count > 0 || ReferenceEquals(topic, node) ? node.Changes : topic.Changes);

        // Answer first: "when" is answered by the dates, so a status card shows them all under its summary; elsewhere
        // the latest is one line below the sources and the rest fold behind a toggle.
        var datesAreTheAnswer = node.Facet == Facet.Status;
        var dates = datesAreTheAnswer ? changes : [];
        var latest = datesAreTheAnswer || changes.Count == 0 ? null : changes[0];
        var earlier = datesAreTheAnswer ? [] : changes.Skip(1).ToList();
        // The history starts with its oldest entry (NATO's Human Security page of February 2021).
        var updatesTitle = (node.AsOf?.Year ?? topic.AsOf?.Year ?? OldestYear(changes)) is { } baseline
            ? $"What changed since {baseline}"
            : "Earlier changes";

        // A topic's obligations are its "who must" sub-question's business: folded here, open there.
        var obligationsFolded = node.Facet == Facet.Overview;

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

        var data = EmptyNodeData(node.Id, title);
        data["status"] = statusLine;
        data["summary"] = summary;
        data["dates"] = Array(dates.Select(Dated));
        data["obligations"] = Array(node.Obligations.Select(o => new JsonObject
        {
            ["who"] = o.Who.Get(),
            ["what"] = o.What.Get(),
            ["source"] = ObligationSource(o),
        }));
        data["obligationsFolded"] = obligationsFolded;
        data["documentSets"] = ActionSets(linked.Select(d => new JsonObject
        {
            ["title"] = CardText.Truncate(d.Title, MaxButtonTitleLength),
            ["url"] = d.Url!.AbsoluteUri,
        }));
        data["otherDocuments"] = Array(unlinked.Select(d => new JsonObject { ["text"] = DocumentText(d) }));
        data["latest"] = latest is null ? string.Empty : LatestText(latest);
        data["updatesTitle"] = updatesTitle;
        data["updates"] = Array(earlier.Select(Dated));
        data["questionSets"] = ActionSets(NumberedButtons(questions));
        data["relatedSets"] = ActionSets(related.Select(r => NodeButton(r.Title.Get(), r.Id)));
        data["moreTitle"] = MoreTitle(questions.Count, related.Count);
        data["matchedBecause"] = MatchedBecause(reply);
        data["footerSets"] = Footer(node.Id);

        // The plain text keeps the card's order, with what the card folds written out.
        var text = new StringBuilder().AppendLine(title);
        AppendIfAny(text, statusLine);
        text.AppendLine().AppendLine(summary);
        if (dates.Count > 0)
        {
            text.AppendLine();
            foreach (var change in dates)
            {
                text.Append("- ").Append(CardText.FormatPartialDate(change.Date)).Append(": ").AppendLine(change.Text.Get());
            }
        }

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

        if (latest is not null)
        {
            text.AppendLine().Append("Latest: ").AppendLine(LatestText(latest));
        }

        AppendList(text, updatesTitle + ":", earlier.Select(c => $"{CardText.FormatPartialDate(c.Date)}: {c.Text.Get()}"), numbered: false);
        AppendList(text, "More on this topic (type a number):", questions.Select(q => q.Title.Get()), numbered: true);
        AppendList(text, "Related:", related.Select(r => r.Title.Get()), numbered: false);

        data["fallbackText"] = Lines(title, statusLine, summary);
        return new CardModel(CardTemplateNames.Node, data, text.ToString().TrimEnd(), NodeOptionalParts);
    }

    /// <summary>What a node card can lose, least useful first, to stay under the size limit.</summary>
    private static readonly string[] NodeOptionalParts = ["matchedBecause", "otherDocuments", "relatedSets", "updates", "dates", "obligations", "questionSets"];

    /// <summary>What the timeline can lose: the folded entries first.</summary>
    private static readonly string[] WhatsNewOptionalParts = ["timelineEarlier", "timeline"];

    /// <summary>Entries the timeline shows before the "Earlier changes" toggle: about one laptop screen.</summary>
    internal const int TimelineShown = 5;

    /// <summary>Entries on the card at most (the newest); the plain text keeps them all, and each topic's card has its own.</summary>
    internal const int TimelineMax = 20;

    /// <summary>
    /// "What changed since 2021?": every topic's changes, newest first, each with its topic's button and its source.
    /// Two topics may record one event in their own words (Human Security repeats its strands' news, with what it
    /// means for the whole); both are kept, side by side (same date, same source), since each says something.
    /// </summary>
    private CardModel WhatsNew(DialogReply reply, KnowledgeBase knowledge)
    {
        var request = reply.WhatsNew ?? WhatsNewRequest.Everything;
        var all = knowledge.Topics
            .SelectMany(t => t.Changes.Select(c => (Topic: t, Change: c)))
            .OrderByDescending(e => e.Change.Date.Trim(), StringComparer.Ordinal)
            .ThenBy(e => e.Change.Source.Id, StringComparer.Ordinal)
            .ToList();
        var entries = all.Where(e => ChangeYear(e.Change) is not { } year || request.Includes(year)).ToList();
        // The history starts with the oldest recorded change (NATO's Human Security page of February 2021).
        var baseline = knowledge.Root.AsOf?.Year ?? OldestYear(all.Select(e => e.Change));
        var title = request switch
        {
            { Year: { } year, Since: true } => $"What changed since {year}",
            { Year: { } year } => $"What changed in {year}",
            _ when baseline is { } since => $"What changed since {since}",
            _ => "What's new",
        };
        var summary = "Changes to NATO's Human Security policies, newest first, each with its topic and source.";
        if (entries.Count == 0)
        {
            summary = $"Nothing is recorded for that time; here is every change{(baseline is { } b ? $" since {b}" : string.Empty)}, newest first.";
            entries = all;
        }

        var checkedDates = knowledge.Topics.Select(t => t.Checked).ToList();
        var statusLine = checkedDates.Count > 0 && checkedDates.All(d => d is not null)
            ? CheckedText(checkedDates.Min()!.Value)
            : string.Empty;

        JsonObject Entry((KnowledgeNode Topic, ChangeNote Change) e) => new()
        {
            ["date"] = CardText.FormatPartialDate(e.Change.Date),
            ["text"] = e.Change.Text.Get(),
            ["source"] = "Source: " + SourceLink(e.Change.Source),
            ["actions"] = Array([NodeButton(e.Topic.Title.Get(), e.Topic.Id)]),
        };

        var data = EmptyNodeData(knowledge.Root.Id, title);
        data["status"] = statusLine;
        data["summary"] = summary;
        data["timeline"] = Array(entries.Take(TimelineShown).Select(Entry));
        data["timelineEarlier"] = Array(entries.Take(TimelineMax).Skip(TimelineShown).Select(Entry));
        if (entries.Count > TimelineMax)
        {
            summary += $" The {TimelineMax} most recent are shown; each topic's card lists its own history.";
            data["summary"] = summary;
        }
        data["footerSets"] = Footer(knowledge.Root.Id);
        data["fallbackText"] = Lines(title, statusLine, summary);

        var text = new StringBuilder().AppendLine(title);
        AppendIfAny(text, statusLine);
        text.AppendLine().AppendLine(summary).AppendLine();
        foreach (var (topic, change) in entries)
        {
            text.Append("- ").Append(CardText.FormatPartialDate(change.Date)).Append(" (").Append(topic.Title.Get()).Append("): ")
                .Append(change.Text.Get()).Append(" Source: ").Append(change.Source.Title)
                .AppendLine(change.Source.Url is { } url ? ", " + url.AbsoluteUri : string.Empty);
        }

        return new CardModel(CardTemplateNames.Node, data, text.ToString().TrimEnd(), WhatsNewOptionalParts);
    }

    /// <summary>Every field node.json binds, empty: the official library shows a missing one as "${name}".</summary>
    private static JsonObject EmptyNodeData(string id, string title) => new()
    {
        ["id"] = id,
        ["title"] = title,
        ["status"] = string.Empty,
        ["summary"] = string.Empty,
        ["dates"] = new JsonArray(),
        ["obligations"] = new JsonArray(),
        ["obligationsFolded"] = false,
        ["timeline"] = new JsonArray(),
        ["timelineEarlier"] = new JsonArray(),
        ["documentSets"] = new JsonArray(),
        ["otherDocuments"] = new JsonArray(),
        ["latest"] = string.Empty,
        ["updatesTitle"] = string.Empty,
        ["updates"] = new JsonArray(),
        ["questionSets"] = new JsonArray(),
        ["relatedSets"] = new JsonArray(),
        ["moreTitle"] = string.Empty,
        ["matchedBecause"] = string.Empty,
        ["shortened"] = false,
        ["footerSets"] = new JsonArray(),
        ["fallbackText"] = string.Empty,
    };

    private static JsonArray Footer(string nodeId) => ActionSets(
    [
        Button("👍 Helpful", SubmitPayload.Feedback(nodeId, helpful: true, "👍 Helpful")),
        Button("👎 Not helpful", SubmitPayload.Feedback(nodeId, helpful: false, "👎 Not helpful")),
        Button("◀ Back", SubmitPayload.Create(SubmitActions.Back, nodeId, "Back")),
        Button("☰ Topics", SubmitPayload.Create(SubmitActions.Menu, null, "Topics")),
    ], MaxActionsPerSet);

    /// <summary>One toggle for both lists of further questions: a row less of the card to scroll past.</summary>
    private static string MoreTitle(int questions, int related) => (questions, related) switch
    {
        (0, 0) => string.Empty,
        (_, 0) => $"More on this topic ({questions})",
        (0, _) => $"Related topics ({related})",
        _ => $"More on this topic ({questions}) and related topics ({related})",
    };

    private static JsonObject Dated(ChangeNote change) => new()
    {
        ["date"] = CardText.FormatPartialDate(change.Date),
        ["text"] = change.Text.Get(),
    };

    private static string LatestText(ChangeNote change) => $"{CardText.FormatPartialDate(change.Date)} – {change.Text.Get()}";

    /// <summary>Knowledge dates are ISO prefixes ("2023-07-12", "2022-06", "2023"), so text order is date order.</summary>
    private static List<ChangeNote> NewestFirst(IEnumerable<ChangeNote> changes) =>
        [.. changes.OrderByDescending(c => c.Date.Trim(), StringComparer.Ordinal)];

    /// <summary>Where a history starts: the year of its oldest dated change (null when none is dated).</summary>
    private static int? OldestYear(IEnumerable<ChangeNote> changes) => changes.Select(ChangeYear).Min();

    private static int? ChangeYear(ChangeNote change) =>
        change.Date.Trim() is { Length: >= 4 } date && int.TryParse(date.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? year
            : null;

    /// <summary>A markdown link to a document (its title escaped so brackets cannot break the link), or its title.</summary>
    private static string SourceLink(SourceDocument document)
    {
        var title = document.Title.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
        return document.Url is { } url ? $"[{title}]({url.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal)})" : title;
    }

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
            Ask in plain words, one thing at a time, and name the policy: "What does the PoC policy require?", "Who does the WPS policy apply to?", "Which UN resolutions cover children in armed conflict?", or "What changed since 2021?" for the latest changes across the policies.
            Commands: help (this text), menu (the topics), back (the previous answer), start over (forget this conversation), or a number to pick one of the options just offered.
            """;
        var data = new JsonObject
        {
            ["menuSets"] = ActionSets([Button("☰ Topics", SubmitPayload.Create(SubmitActions.Menu, null, "Topics"))]),
            ["fallbackText"] = "Ask one thing at a time and name the policy. Commands: help, menu, back, start over, or a number.",
        };
        return new CardModel(CardTemplateNames.Help, data, text, []);
    }

    private static CardModel FeedbackThanks(DialogReply reply)
    {
        if (!string.Equals(reply.FeedbackRating, "down", StringComparison.OrdinalIgnoreCase) || reply.Node is not { } rated)
        {
            return CardModel.TextOnly("Thank you for your feedback.");
        }

        // After 👎, one optional box for the content owners; its Send carries the node id, so it needs no state.
        const string heading = "What was missing?";
        const string prompt = "Tell the people who keep this content what you expected (optional). Leave out names and personal details.";
        const string text = "Thank you. I have noted that this answer did not help. What was missing? Type it in the box and press Send, or try rephrasing your question.";
        var data = new JsonObject
        {
            ["heading"] = heading,
            ["about"] = "About: " + rated.Title.Get(),
            ["prompt"] = prompt,
            ["placeholder"] = "For example: the date it applies from",
            ["inputId"] = SubmitPayload.CommentField,
            ["maxLength"] = SubmitPayload.MaxCommentLength,
            ["sendTitle"] = "Send",
            ["sendData"] = SubmitPayload.FeedbackComment(rated.Id),
            ["fallbackText"] = text,
        };
        return new CardModel(CardTemplateNames.Feedback, data, text, []);
    }

    private static string StatusLine(KnowledgeNode node, KnowledgeNode topic)
    {
        var status = node.Status.IsEmpty ? topic.Status.Get() : node.Status.Get();
        // When the content was last checked, not the 2021 baseline of its history: no date is better than a stale one.
        var checkedOn = node.Checked ?? topic.Checked;
        return Join(" · ", status, checkedOn is { } date ? CheckedText(date) : string.Empty);
    }

    private static string CheckedText(DateOnly date) => "Checked against NATO sources: " + CardText.FormatDate(date);

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
