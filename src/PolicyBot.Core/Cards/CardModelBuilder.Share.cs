using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Core.Knowledge;
using Keys = PolicyBot.Core.Cards.CardStringKeys;

namespace PolicyBot.Core.Cards;

internal sealed partial class CardModelBuilder
{
    /// <summary>What a shared card can lose, least useful first, to stay under the size limit: the sources stay.</summary>
    private static readonly string[] ShareOptionalParts = ["latest", "otherDocuments", "dates", "obligations"];

    /// <summary>
    /// The answer one person drops into a conversation for everyone in it (Teams' message extension and link
    /// previews): the node card's answer and sources, with no button that acts for one reader (no feedback, no Back,
    /// no sub-question buttons, which would answer in that chat); "Ask PolicyBot" opens the reader's own chat with the bot.
    /// In the language of <paramref name="t"/>, as the node card: content, documents, dates and fixed texts.
    /// </summary>
    /// <param name="askUrl">Where "Ask PolicyBot" leads; empty for no button.</param>
    public static CardModel Share(KnowledgeNode node, KnowledgeBase knowledge, LanguageStrings t, string askUrl)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(t);
        var language = t.Language;
        var topic = knowledge.Find(node.TopicId) ?? node;
        var title = node.Title.Get(language);
        // A sub-question's title does not always name its policy; the chat it lands in has no other context.
        var topicLine = ReferenceEquals(topic, node) ? string.Empty : topic.Title.Get(language);
        // Answer first, as on the node card: a status question is answered by the dates; a topic folds its obligations.
        var (summary, statusLine, translation, _, datesAreTheAnswer, dates, latest) = AnswerParts.Of(node, topic, t);
        var linked = node.Sources.Where(s => s.Url is not null).Select(s => Document.Of(s, t)).ToList();
        var unlinked = node.Sources.Where(s => s.Url is null).Select(s => Document.Of(s, t)).ToList();

        var data = new JsonObject
        {
            ["id"] = node.Id,
            ["title"] = title,
            ["topic"] = topicLine,
            ["status"] = statusLine,
            ["translation"] = translation,
            ["summary"] = summary,
            ["dates"] = Array(dates.Select(c => Dated(c, t))),
            ["obligations"] = Array(node.Obligations.Select(o => new JsonObject
            {
                ["who"] = o.Who.Get(language),
                ["what"] = o.What.Get(language),
                ["source"] = ObligationSource(o, t),
            })),
            ["obligationsFolded"] = node.Facet == Facet.Overview,
            ["documentSets"] = ActionSets(linked.Select(d => new JsonObject
            {
                ["title"] = CardText.Truncate(d.LinkTitle, MaxButtonTitleLength),
                ["url"] = d.Url!.AbsoluteUri,
            })),
            ["otherDocuments"] = Array(unlinked.Select(d => new JsonObject { ["text"] = DocumentText(d, t) })),
            ["latest"] = latest is null ? string.Empty : LatestText(latest, t),
            ["shortened"] = false,
            ["askUrl"] = askUrl,
            ["fallbackText"] = Lines(title, statusLine, summary),
            [CardStrings.DataField] = t.Section(CardTemplateNames.Share),
        };

        var text = new StringBuilder().AppendLine(title);
        AppendIfAny(text, topicLine);
        AppendIfAny(text, statusLine);
        AppendIfAny(text, translation);
        text.AppendLine().AppendLine(summary);
        AppendList(text, null, dates.Select(c => $"{t.Format(Keys.FormatHeading, ("text", t.PartialDate(c.Date)))} {c.Text.Get(language)}"), numbered: false);
        AppendList(
            text,
            t.Heading(Keys.WhoMustDoWhat),
            node.Obligations.Select(o => $"{o.Who.Get(language)} → {o.What.Get(language)}" + (ObligationSource(o, t) is { Length: > 0 } source ? $" ({source})" : string.Empty)),
            numbered: false);
        AppendList(
            text,
            t.Heading(Keys.Sources),
            linked.Select(d => $"{t.Format(Keys.FormatHeading, ("text", d.LinkTitle))} {d.Url!.AbsoluteUri}").Concat(unlinked.Select(d => DocumentText(d, t))),
            numbered: false);
        if (latest is not null)
        {
            text.AppendLine().Append(t[Keys.Latest]).Append(' ').AppendLine(LatestText(latest, t));
        }

        if (askUrl.Length > 0)
        {
            text.AppendLine().Append(t.Heading(Keys.AskPolicyBot)).Append(' ').AppendLine(askUrl);
        }

        return new CardModel(CardTemplateNames.Share, data, text.ToString().TrimEnd(), ShareOptionalParts);
    }
}
