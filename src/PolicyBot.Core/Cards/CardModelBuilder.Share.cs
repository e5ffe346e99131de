using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Cards;

internal sealed partial class CardModelBuilder
{
    /// <summary>What a shared card can lose, least useful first, to stay under the size limit: the sources stay.</summary>
    private static readonly string[] ShareOptionalParts = ["latest", "otherDocuments", "dates", "obligations"];

    /// <summary>
    /// The answer one person drops into a conversation for everyone in it (Teams' message extension and link
    /// previews): the node card's answer and sources, with no button that acts for one reader (no feedback, no Back,
    /// no sub-question buttons, which would answer in that chat); "Ask PolicyBot" opens the reader's own chat with the bot.
    /// </summary>
    /// <param name="askUrl">Where "Ask PolicyBot" leads; empty for no button.</param>
    public static CardModel Share(KnowledgeNode node, KnowledgeBase knowledge, string language, string askUrl)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(knowledge);
        var topic = knowledge.Find(node.TopicId) ?? node;
        var title = node.Title.Get(language);
        // A sub-question's title does not always name its policy; the chat it lands in has no other context.
        var topicLine = ReferenceEquals(topic, node) ? string.Empty : topic.Title.Get(language);
        var summary = node.Summary.Get(language);
        var status = node.Status.IsEmpty ? topic.Status.Get(language) : node.Status.Get(language);
        var checkedOn = node.Checked ?? topic.Checked;
        var statusLine = Join(" · ", status, checkedOn is { } date ? CheckedText(date) : string.Empty);
        var changes = NewestFirst(node.Changes.Count > 0 || ReferenceEquals(topic, node) ? node.Changes : topic.Changes);

        // Answer first, as on the node card: a status question is answered by the dates; a topic folds its obligations.
        var datesAreTheAnswer = node.Facet == Facet.Status;
        var dates = datesAreTheAnswer ? changes : [];
        var latest = datesAreTheAnswer || changes.Count == 0 ? null : changes[0];
        var documents = node.Sources.Select(d => SharedDocument.In(d, language)).ToList();
        var linked = documents.Where(d => d.Url is not null).ToList();
        var unlinked = documents.Where(d => d.Url is null).ToList();

        var data = new JsonObject
        {
            ["id"] = node.Id,
            ["title"] = title,
            ["topic"] = topicLine,
            ["status"] = statusLine,
            ["summary"] = summary,
            ["dates"] = Array(dates.Select(c => DatedIn(c, language))),
            ["obligations"] = Array(node.Obligations.Select(o => new JsonObject
            {
                ["who"] = o.Who.Get(language),
                ["what"] = o.What.Get(language),
                ["source"] = SharedObligationSource(o, language),
            })),
            ["obligationsFolded"] = node.Facet == Facet.Overview,
            ["documentSets"] = ActionSets(linked.Select(d => new JsonObject
            {
                ["title"] = CardText.Truncate(d.Title, MaxButtonTitleLength),
                ["url"] = d.Url!.AbsoluteUri,
            })),
            ["otherDocuments"] = Array(unlinked.Select(d => new JsonObject { ["text"] = d.Describe() })),
            ["latest"] = latest is null ? string.Empty : LatestIn(latest, language),
            ["shortened"] = false,
            ["askUrl"] = askUrl,
            ["fallbackText"] = Lines(title, statusLine, summary),
        };

        var text = new StringBuilder().AppendLine(title);
        AppendIfAny(text, topicLine);
        AppendIfAny(text, statusLine);
        text.AppendLine().AppendLine(summary);
        AppendList(text, null, dates.Select(c => $"{CardText.FormatPartialDate(c.Date)}: {c.Text.Get(language)}"), numbered: false);
        AppendList(
            text,
            "Who must do what:",
            node.Obligations.Select(o => $"{o.Who.Get(language)} → {o.What.Get(language)}" + (SharedObligationSource(o, language) is { Length: > 0 } source ? $" ({source})" : string.Empty)),
            numbered: false);
        AppendList(text, "Sources:", linked.Select(d => $"{d.Title}: {d.Url!.AbsoluteUri}").Concat(unlinked.Select(d => d.Describe())), numbered: false);
        if (latest is not null)
        {
            text.AppendLine().Append("Latest: ").AppendLine(LatestIn(latest, language));
        }

        if (askUrl.Length > 0)
        {
            text.AppendLine().Append("Ask PolicyBot: ").AppendLine(askUrl);
        }

        return new CardModel(CardTemplateNames.Share, data, text.ToString().TrimEnd(), ShareOptionalParts);
    }

    private static JsonObject DatedIn(ChangeNote change, string language) => new()
    {
        ["date"] = CardText.FormatPartialDate(change.Date),
        ["text"] = change.Text.Get(language),
    };

    private static string LatestIn(ChangeNote change, string language) => $"{CardText.FormatPartialDate(change.Date)} – {change.Text.Get(language)}";

    private static string SharedObligationSource(Obligation obligation, string language) =>
        Join(", ", SharedDocument.In(obligation.Source, language).Title, obligation.Reference ?? string.Empty);

    /// <summary>A document as published in the card's language: its translated title, issuer and page where the content gives them.</summary>
    private sealed record SharedDocument(string Title, string Issuer, string Date, Uri? Url)
    {
        public static SharedDocument In(SourceDocument document, string language) =>
            document.Translations.TryGetValue(language, out var translation)
                ? new(translation.Title ?? document.Title, translation.Issuer ?? document.Issuer, document.Date, translation.Url ?? document.Url)
                : new(document.Title, document.Issuer, document.Date, document.Url);

        public string Describe()
        {
            var detail = Join(", ", Issuer, CardText.FormatPartialDate(Date));
            return detail.Length > 0 ? $"{Title} ({detail})" : Title;
        }
    }
}
