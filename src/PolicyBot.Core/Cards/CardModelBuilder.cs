using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using Keys = PolicyBot.Core.Cards.CardStringKeys;

namespace PolicyBot.Core.Cards;

/// <summary>
/// Builds each card's template data and the plain text of the reply from a <see cref="DialogReply"/>, in the reply's
/// language: content through <see cref="LocalizedText.Get"/>, fixed texts from the language's file in
/// cards/strings (also given to the template as its "strings" field). Every field a template binds is always
/// present (empty string or empty array when there is nothing), because the official templating library shows a
/// missing field as "${name}".
/// </summary>
internal sealed partial class CardModelBuilder(CardRendererOptions options)
{
    /// <summary>Teams shows at most six actions in one ActionSet; longer lists are split into several sets.</summary>
    public const int MaxActionsPerSet = 6;

    /// <summary>
    /// Choices (topics, sub-questions, documents) have long titles that a row of buttons cuts to "2. Prot…", so
    /// each gets a row of its own; short buttons (feedback, navigation) share one.
    /// </summary>
    public const int ChoicesPerSet = 1;

    private const int MaxButtonTitleLength = 80;

    public CardModel Build(DialogReply reply, KnowledgeBase knowledge, CardStrings strings)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(strings);
        var t = strings.For(reply.Language);
        var model = reply.Kind switch
        {
            ReplyKind.Node => Node(reply, knowledge, t),
            ReplyKind.Disambiguation => Disambiguation(reply, t),
            ReplyKind.Fallback => Fallback(reply, knowledge, t),
            ReplyKind.Welcome => Welcome(reply, knowledge, t, strings),
            ReplyKind.Menu => Menu(reply, knowledge, t),
            ReplyKind.Help => Help(t, strings),
            ReplyKind.FeedbackThanks => FeedbackThanks(reply, t),
            ReplyKind.FeedbackCommentThanks => CardModel.TextOnly(t[Keys.ThanksNote]),
            ReplyKind.WhatsNew => WhatsNew(reply, knowledge, t),
            _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.Kind, "unknown reply kind"),
        };

        if (model.TemplateName is { } template)
        {
            model.Data[CardStrings.DataField] = t.Section(template);
        }

        return model;
    }

    private CardModel Node(DialogReply reply, KnowledgeBase knowledge, LanguageStrings t)
    {
        var language = t.Language;
        var node = reply.Node ?? throw new ArgumentException("A Node reply needs its Node.", nameof(reply));
        var topic = knowledge.Find(node.TopicId) ?? node;
        var title = node.Title.Get(language);
        var (summary, statusLine, translation, changes, datesAreTheAnswer, dates, latest) = AnswerParts.Of(node, topic, t);

        // The rest of the history folds behind a toggle.
        var earlier = datesAreTheAnswer ? [] : changes.Skip(1).ToList();
        // The history starts with its oldest entry (NATO's Human Security page of February 2021).
        var updatesTitle = (node.AsOf?.Year ?? topic.AsOf?.Year ?? OldestYear(changes)) is { } baseline
            ? t.Format(Keys.ChangedSince, ("year", baseline))
            : t[Keys.EarlierChanges];

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
        var linked = node.Sources.Where(s => s.Url is not null).Select(s => Document.Of(s, t)).ToList();
        var unlinked = node.Sources.Where(s => s.Url is null).Select(s => Document.Of(s, t)).ToList();

        var data = EmptyNodeData(node.Id, title);
        data["status"] = statusLine;
        data["translation"] = translation;
        data["summary"] = summary;
        data["dates"] = Array(dates.Select(c => Dated(c, t)));
        data["obligations"] = Array(node.Obligations.Select(o => new JsonObject
        {
            ["who"] = o.Who.Get(language),
            ["what"] = o.What.Get(language),
            ["source"] = ObligationSource(o, t),
        }));
        data["obligationsFolded"] = obligationsFolded;
        data["documentSets"] = ActionSets(linked.Select(d => new JsonObject
        {
            ["title"] = CardText.Truncate(d.LinkTitle, MaxButtonTitleLength),
            ["url"] = d.Url!.AbsoluteUri,
        }));
        data["otherDocuments"] = Array(unlinked.Select(d => new JsonObject { ["text"] = DocumentText(d, t) }));
        data["latest"] = latest is null ? string.Empty : LatestText(latest, t);
        data["updatesTitle"] = updatesTitle;
        data["updates"] = Array(earlier.Select(c => Dated(c, t)));
        data["questionSets"] = ActionSets(NumberedButtons(questions, language));
        data["relatedSets"] = ActionSets(related.Select(r => NodeButton(r.Title.Get(language), r.Id)));
        data["moreTitle"] = MoreTitle(questions.Count, related.Count, t);
        data["matchedBecause"] = MatchedBecause(reply, t);
        data["footerSets"] = Footer(node.Id, t);

        // The plain text keeps the card's order, with what the card folds written out.
        var text = new StringBuilder().AppendLine(title);
        AppendIfAny(text, statusLine);
        AppendIfAny(text, translation);
        text.AppendLine().AppendLine(summary);
        if (dates.Count > 0)
        {
            text.AppendLine();
            foreach (var change in dates)
            {
                text.Append("- ").Append(t.Format(Keys.FormatHeading, ("text", t.PartialDate(change.Date)))).Append(' ').AppendLine(change.Text.Get(language));
            }
        }

        if (node.Obligations.Count > 0)
        {
            text.AppendLine().AppendLine(t.Heading(Keys.WhoMustDoWhat));
            foreach (var o in node.Obligations)
            {
                var source = ObligationSource(o, t);
                text.Append("- ").Append(o.Who.Get(language)).Append(" → ").Append(o.What.Get(language))
                    .AppendLine(source.Length > 0 ? $" ({source})" : string.Empty);
            }
        }

        if (node.Sources.Count > 0)
        {
            text.AppendLine().AppendLine(t.Heading(Keys.Sources));
            foreach (var d in linked)
            {
                text.Append("- ").Append(t.Format(Keys.FormatHeading, ("text", d.LinkTitle))).Append(' ').AppendLine(d.Url!.AbsoluteUri);
            }

            foreach (var d in unlinked)
            {
                text.Append("- ").AppendLine(DocumentText(d, t));
            }
        }

        if (latest is not null)
        {
            text.AppendLine().Append(t[Keys.Latest]).Append(' ').AppendLine(LatestText(latest, t));
        }

        AppendList(text, t.Format(Keys.FormatHeading, ("text", updatesTitle)), earlier.Select(c => $"{t.Format(Keys.FormatHeading, ("text", t.PartialDate(c.Date)))} {c.Text.Get(language)}"), numbered: false);
        AppendList(text, t.Heading(Keys.MoreText), questions.Select(q => q.Title.Get(language)), numbered: true);
        AppendList(text, t.Heading(Keys.RelatedText), related.Select(r => r.Title.Get(language)), numbered: false);

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
    private static CardModel WhatsNew(DialogReply reply, KnowledgeBase knowledge, LanguageStrings t)
    {
        var language = t.Language;
        var request = reply.WhatsNew ?? WhatsNewRequest.Everything;
        var all = knowledge.Topics
            .SelectMany(topic => topic.Changes.Select(c => (Topic: topic, Change: c)))
            .OrderByDescending(e => e.Change.Date.Trim(), StringComparer.Ordinal)
            .ThenBy(e => e.Change.Source.Id, StringComparer.Ordinal)
            .ToList();
        var entries = all.Where(e => ChangeYear(e.Change) is not { } year || request.Includes(year)).ToList();
        // The history starts with the oldest recorded change (NATO's Human Security page of February 2021).
        var baseline = knowledge.Root.AsOf?.Year ?? OldestYear(all.Select(e => e.Change));
        var title = request switch
        {
            { Year: { } year, Since: true } => t.Format(Keys.WhatsNewSince, ("year", year)),
            { Year: { } year } => t.Format(Keys.WhatsNewIn, ("year", year)),
            _ when baseline is { } since => t.Format(Keys.WhatsNewSince, ("year", since)),
            _ => t[Keys.WhatsNewTitle],
        };
        var summary = t[Keys.WhatsNewSummary];
        if (entries.Count == 0)
        {
            summary = baseline is { } b ? t.Format(Keys.WhatsNewNothingSince, ("year", b)) : t[Keys.WhatsNewNothing];
            entries = all;
        }

        var checkedDates = knowledge.Topics.Select(topic => topic.Checked).ToList();
        var statusLine = checkedDates.Count > 0 && checkedDates.All(d => d is not null)
            ? t.Format(Keys.Checked, ("date", t.Date(checkedDates.Min()!.Value)))
            : string.Empty;

        JsonObject Entry((KnowledgeNode Topic, ChangeNote Change) e) => new()
        {
            ["date"] = t.PartialDate(e.Change.Date),
            ["text"] = e.Change.Text.Get(language),
            ["source"] = t.Format(Keys.WhatsNewSource, ("source", SourceLink(Document.Of(e.Change.Source, t)))),
            ["actions"] = Array([NodeButton(e.Topic.Title.Get(language), e.Topic.Id)]),
        };

        var data = EmptyNodeData(knowledge.Root.Id, title);
        data["status"] = statusLine;
        data["summary"] = summary;
        data["timeline"] = Array(entries.Take(TimelineShown).Select(Entry));
        data["timelineEarlier"] = Array(entries.Take(TimelineMax).Skip(TimelineShown).Select(Entry));
        if (entries.Count > TimelineMax)
        {
            summary += " " + t.Format(Keys.WhatsNewMostRecent, ("count", TimelineMax));
            data["summary"] = summary;
        }

        data["footerSets"] = Footer(knowledge.Root.Id, t);
        data["fallbackText"] = Lines(title, statusLine, summary);

        var text = new StringBuilder().AppendLine(title);
        AppendIfAny(text, statusLine);
        text.AppendLine().AppendLine(summary).AppendLine();
        foreach (var (topic, change) in entries)
        {
            var source = Document.Of(change.Source, t);
            var cited = source.Url is { } url ? $"{source.LinkTitle}, {url.AbsoluteUri}" : source.Title;
            text.Append("- ").Append(t.Format(Keys.FormatHeading, ("text", $"{t.PartialDate(change.Date)} ({topic.Title.Get(language)})"))).Append(' ')
                .Append(change.Text.Get(language)).Append(' ').AppendLine(t.Format(Keys.WhatsNewSource, ("source", cited)));
        }

        return new CardModel(CardTemplateNames.Node, data, text.ToString().TrimEnd(), WhatsNewOptionalParts);
    }

    /// <summary>Every field node.json binds, empty: the official library shows a missing one as "${name}".</summary>
    private static JsonObject EmptyNodeData(string id, string title) => new()
    {
        ["id"] = id,
        ["title"] = title,
        ["status"] = string.Empty,
        ["translation"] = string.Empty,
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

    private static JsonArray Footer(string nodeId, LanguageStrings t) => ActionSets(
    [
        Button(t[Keys.Helpful], SubmitPayload.Feedback(nodeId, helpful: true, t[Keys.Helpful])),
        Button(t[Keys.NotHelpful], SubmitPayload.Feedback(nodeId, helpful: false, t[Keys.NotHelpful])),
        Button(t[Keys.Back], SubmitPayload.Create(SubmitActions.Back, nodeId, t[Keys.BackShown])),
        Button(t[Keys.Topics], SubmitPayload.Create(SubmitActions.Menu, null, t[Keys.TopicsShown])),
    ], MaxActionsPerSet);

    /// <summary>"English" and "Français", each in its own language, on the welcome and help cards.</summary>
    private static JsonArray LanguageButtons(CardStrings strings) => ActionSets(
        strings.Languages.Select(language =>
        {
            var name = strings.For(language)[Keys.LanguageName];
            return Button(name, SubmitPayload.Create(SubmitActions.Language, null, name, language));
        }),
        MaxActionsPerSet);

    /// <summary>One toggle for both lists of further questions: a row less of the card to scroll past.</summary>
    private static string MoreTitle(int questions, int related, LanguageStrings t) => (questions, related) switch
    {
        (0, 0) => string.Empty,
        (_, 0) => t.Format(Keys.MoreCount, ("questions", questions)),
        (0, _) => t.Format(Keys.RelatedCount, ("related", related)),
        _ => t.Format(Keys.MoreAndRelatedCount, ("questions", questions), ("related", related)),
    };

    private static JsonObject Dated(ChangeNote change, LanguageStrings t) => new()
    {
        ["date"] = t.PartialDate(change.Date),
        ["text"] = change.Text.Get(t.Language),
    };

    private static string LatestText(ChangeNote change, LanguageStrings t) => $"{t.PartialDate(change.Date)} – {change.Text.Get(t.Language)}";

    /// <summary>Knowledge dates are ISO prefixes ("2023-07-12", "2022-06", "2023"), so text order is date order.</summary>
    /// <summary>
    /// What the answer card and the shared card both show of an answer, answer first: "when" is answered by the dates,
    /// so a status answer shows them all under its summary; elsewhere the latest is one line below the sources.
    /// </summary>
    private sealed record AnswerParts(
        string Summary,
        string Status,
        string TranslationLine,
        List<ChangeNote> Changes,
        bool DatesAreTheAnswer,
        List<ChangeNote> Dates,
        ChangeNote? Latest)
    {
        public static AnswerParts Of(KnowledgeNode node, KnowledgeNode topic, LanguageStrings t)
        {
            var changes = NewestFirst(node.Changes.Count > 0 || ReferenceEquals(topic, node) ? node.Changes : topic.Changes);
            var datesAreTheAnswer = node.Facet == Facet.Status;
            return new AnswerParts(
                node.Summary.Get(t.Language),
                StatusLine(node, topic, t),
                TranslationNote(topic, t),
                changes,
                datesAreTheAnswer,
                datesAreTheAnswer ? changes : [],
                datesAreTheAnswer || changes.Count == 0 ? null : changes[0]);
        }
    }

    private static List<ChangeNote> NewestFirst(IEnumerable<ChangeNote> changes) =>
        [.. changes.OrderByDescending(c => c.Date.Trim(), StringComparer.Ordinal)];

    /// <summary>Where a history starts: the year of its oldest dated change (null when none is dated).</summary>
    private static int? OldestYear(IEnumerable<ChangeNote> changes) => changes.Select(ChangeYear).Min();

    private static int? ChangeYear(ChangeNote change) =>
        change.Date.Trim() is { Length: >= 4 } date && int.TryParse(date.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? year
            : null;

    /// <summary>A markdown link to a document (its title escaped so brackets cannot break the link), or its title.</summary>
    private static string SourceLink(Document document)
    {
        var title = document.LinkTitle.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
        return document.Url is { } url ? $"[{title}]({url.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal)})" : document.Title;
    }

    private CardModel Disambiguation(DialogReply reply, LanguageStrings t)
    {
        var language = t.Language;
        var echo = CardText.EscapeUserText(reply.EchoedText, options.MaxEchoLength);
        var candidates = reply.Options;
        var buttons = candidates.Select((c, i) => NodeButton($"{i + 1}. {c.Title.Get(language)}", c.Id)).ToList();
        buttons.Add(Button(t[Keys.NoneOfThese], SubmitPayload.Create(SubmitActions.NoneOfThese, null, t[Keys.NoneOfThese])));

        var text = new StringBuilder(t[Keys.DisambiguationHeading]).AppendLine();
        AppendList(text, null, candidates.Select(c => c.Title.Get(language)), numbered: true);
        text.AppendLine(t[Keys.DisambiguationRephrase]);

        var data = new JsonObject
        {
            ["echo"] = echo,
            ["echoLine"] = echo.Length > 0 ? t.Format(Keys.DisambiguationCouldBe, ("echo", t.Quoted(echo))) : string.Empty,
            ["optionSets"] = ActionSets(buttons),
            ["fallbackText"] = t[Keys.DisambiguationHeading] + " " + string.Join(" ", candidates.Select((c, i) => $"{i + 1}. {c.Title.Get(language)}")),
        };
        return new CardModel(CardTemplateNames.Disambiguation, data, text.ToString().TrimEnd(), []);
    }

    private CardModel Fallback(DialogReply reply, KnowledgeBase knowledge, LanguageStrings t)
    {
        var language = t.Language;
        var typed = CardText.TruncateUserText(reply.EchoedText, options.MaxEchoLength);
        var echo = CardText.EscapeUserText(reply.EchoedText, options.MaxEchoLength);
        var topics = MenuTopics(reply, knowledge);
        var contact = reply.OfferContact ? Contact(t) : string.Empty;
        var contactUrl = contact.Length > 0 ? options.PolicyOfficeUrl : string.Empty;

        var suggestions = reply.Suggestions;
        var text = new StringBuilder(typed.Length > 0 ? t.Format(Keys.FoundNothing, ("echo", t.Quoted(typed))) : t[Keys.NoAnswer]).AppendLine();
        if (suggestions.Count > 0)
        {
            // Honest: these are near in meaning, not claimed as the answer.
            text.AppendLine(t[Keys.Closest]);
            AppendList(text, null, suggestions.Select(s => s.Title.Get(language)), numbered: true);
            text.AppendLine();
        }

        text.AppendLine(suggestions.Count > 0 ? t[Keys.FallbackOrPick] : t[Keys.FallbackIntro]);
        AppendList(text, null, topics.Select(topic => topic.Title.Get(language)), numbered: true, firstNumber: suggestions.Count + 1);
        text.AppendLine(t[Keys.FallbackTip]);
        if (contact.Length > 0)
        {
            text.AppendLine(t.Format(Keys.FallbackContact, ("contact", contact + (contactUrl.Length > 0 ? $" ({contactUrl})" : string.Empty))));
        }

        // Some hosts render fallbackText as markdown: only the escaped echo goes in.
        var opening = echo.Length > 0 ? t.Format(Keys.FoundNothing, ("echo", t.Quoted(echo))) : t[Keys.NoAnswer];
        var data = new JsonObject
        {
            ["echo"] = echo,
            ["echoLine"] = echo.Length > 0 ? opening : string.Empty,
            ["suggestionSets"] = ActionSets(NumberedButtons(suggestions, language)),
            ["topicSets"] = ActionSets(NumberedButtons(topics, language, firstNumber: suggestions.Count + 1)),
            ["contact"] = contact,
            ["contactUrl"] = contactUrl,
            ["fallbackText"] = opening + " " + t[Keys.TypeMenu],
        };
        return new CardModel(CardTemplateNames.Fallback, data, text.ToString().TrimEnd(), []);
    }

    /// <summary>The configured contact; the default one in the reply's language.</summary>
    private string Contact(LanguageStrings t) =>
        options.PolicyOfficeContact == CardRendererOptions.DefaultPolicyOfficeContact ? t[Keys.DefaultContact] : options.PolicyOfficeContact;

    private static CardModel Welcome(DialogReply reply, KnowledgeBase knowledge, LanguageStrings t, CardStrings strings)
    {
        var language = t.Language;
        var topics = MenuTopics(reply, knowledge);
        var intro = knowledge.Root.Summary.Get(language);
        var text = new StringBuilder(t[Keys.WelcomeText]).AppendLine().AppendLine(intro).AppendLine();
        AppendList(text, t.Heading(Keys.WelcomePick), topics.Select(topic => topic.Title.Get(language)), numbered: true);
        text.AppendLine(t[Keys.WelcomeHelp]);

        var data = new JsonObject
        {
            ["title"] = knowledge.Root.Title.Get(language),
            ["intro"] = intro,
            ["topicSets"] = ActionSets(NumberedButtons(topics, language)),
            ["helpSets"] = ActionSets([Button(t[Keys.HowToAsk], SubmitPayload.Create(SubmitActions.Help, null, t[Keys.HowToAskShown]))]),
            ["languageSets"] = LanguageButtons(strings),
            ["fallbackText"] = t[Keys.WelcomeFallback],
        };
        return new CardModel(CardTemplateNames.Welcome, data, text.ToString().TrimEnd(), []);
    }

    private static CardModel Menu(DialogReply reply, KnowledgeBase knowledge, LanguageStrings t)
    {
        var language = t.Language;
        var topics = MenuTopics(reply, knowledge);
        var text = new StringBuilder();
        AppendList(text, t.Heading(Keys.MenuHeading), topics.Select(topic => topic.Title.Get(language)), numbered: true);
        var data = new JsonObject
        {
            ["topicSets"] = ActionSets(NumberedButtons(topics, language)),
            ["fallbackText"] = t.Format(Keys.MenuFallback, ("topics", string.Join(" ", topics.Select((topic, i) => $"{i + 1}. {topic.Title.Get(language)}")))),
        };
        return new CardModel(CardTemplateNames.Menu, data, text.ToString().TrimEnd(), []);
    }

    private static CardModel Help(LanguageStrings t, CardStrings strings)
    {
        var data = new JsonObject
        {
            ["menuSets"] = ActionSets([Button(t[Keys.Topics], SubmitPayload.Create(SubmitActions.Menu, null, t[Keys.TopicsShown]))]),
            ["languageSets"] = LanguageButtons(strings),
            ["fallbackText"] = t[Keys.HelpFallback],
        };
        return new CardModel(CardTemplateNames.Help, data, t[Keys.HelpText], []);
    }

    private static CardModel FeedbackThanks(DialogReply reply, LanguageStrings t)
    {
        if (!string.Equals(reply.FeedbackRating, "down", StringComparison.OrdinalIgnoreCase) || reply.Node is not { } rated)
        {
            return CardModel.TextOnly(t[Keys.Thanks]);
        }

        // After 👎, one optional box for the content owners; its Send carries the node id, so it needs no state.
        var text = t[Keys.FeedbackText];
        var data = new JsonObject
        {
            ["about"] = t.Format(Keys.FeedbackAbout, ("title", rated.Title.Get(t.Language))),
            ["inputId"] = SubmitPayload.CommentField,
            ["maxLength"] = SubmitPayload.MaxCommentLength,
            ["sendData"] = SubmitPayload.FeedbackComment(rated.Id),
            ["fallbackText"] = text,
        };
        return new CardModel(CardTemplateNames.Feedback, data, text, []);
    }

    private static string StatusLine(KnowledgeNode node, KnowledgeNode topic, LanguageStrings t)
    {
        var status = node.Status.IsEmpty ? topic.Status.Get(t.Language) : node.Status.Get(t.Language);
        // When the content was last checked, not the 2021 baseline of its history: no date is better than a stale one.
        var checkedOn = node.Checked ?? topic.Checked;
        return Join(" · ", status, checkedOn is { } date ? t.Format(Keys.Checked, ("date", t.Date(date))) : string.Empty);
    }

    /// <summary>"Traduit de l'anglais" on a card whose topic says its texts in this language are translations.</summary>
    private static string TranslationNote(KnowledgeNode topic, LanguageStrings t)
    {
        if (t.Language == Languages.English || !topic.Translations.TryGetValue(t.Language, out var source))
        {
            return string.Empty;
        }

        return source switch
        {
            TranslationSource.TranslatedFromEnglish => t[Keys.TranslatedFromEnglish],
            TranslationSource.PartlyTranslatedFromEnglish => t[Keys.PartlyTranslatedFromEnglish],
            _ => string.Empty,
        };
    }

    /// <summary>The topics offered: the dialog's options, else every topic.</summary>
    private static IReadOnlyList<KnowledgeNode> MenuTopics(DialogReply reply, KnowledgeBase knowledge) =>
        reply.Options.Count > 0 ? reply.Options : knowledge.Topics;

    private string MatchedBecause(DialogReply reply, LanguageStrings t)
    {
        if (reply.Match is { ClosestExample: { } example })
        {
            return t.Format(Keys.MatchedByMeaning, ("example", t.Quoted(CardText.EscapeUserText(example, options.MaxEchoLength))));
        }

        if (reply.Match is not { MatchedTerms.Count: > 0 } match)
        {
            return string.Empty;
        }

        var terms = match.MatchedTerms.Take(5).Select(term => t.Quoted(CardText.EscapeUserText(term, options.MaxEchoLength)));
        return t.Format(Keys.MatchedBecause, ("terms", string.Join(", ", terms)));
    }

    /// <summary>The document and where in it; a reference that already begins with the document's title ("Page
    /// thématique « La protection des civils » (13 juil. 2021)") stands alone rather than repeat it.</summary>
    private static string ObligationSource(Obligation obligation, LanguageStrings t)
    {
        var title = Document.Of(obligation.Source, t).Title;
        var reference = obligation.Reference?.Get(t.Language) ?? string.Empty;
        return reference.StartsWith(title, StringComparison.OrdinalIgnoreCase) ? reference : Join(", ", title, reference);
    }

    private static string DocumentText(Document document, LanguageStrings t)
    {
        var detail = Join(", ", document.Issuer, t.PartialDate(document.Date));
        return detail.Length > 0 ? $"{document.Title} ({detail})" : document.Title;
    }

    private static List<JsonObject> NumberedButtons(IReadOnlyList<KnowledgeNode> topics, string language, int firstNumber = 1) =>
        [.. topics.Select((topic, i) => NodeButton($"{i + firstNumber}. {topic.Title.Get(language)}", topic.Id))];

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

    /// <summary>
    /// A source document as a card in one language shows it: its title, issuer and page in that language where the
    /// knowledge gives them; a link to the English page says so ("(en anglais)") on a card in another language.
    /// </summary>
    private sealed record Document(string Title, string LinkTitle, string Issuer, string Date, Uri? Url)
    {
        public static Document Of(SourceDocument source, LanguageStrings t)
        {
            if (t.Language == Languages.English)
            {
                return new Document(source.Title, source.Title, source.Issuer, source.Date, source.Url);
            }

            var translation = source.Translations.GetValueOrDefault(t.Language);
            var title = translation?.Title ?? source.Title;
            var url = translation?.Url ?? source.Url;
            var linkTitle = translation?.Url is null && source.Url is not null ? t.Format(Keys.InEnglish, ("title", title)) : title;
            return new Document(title, linkTitle, translation?.Issuer ?? source.Issuer, source.Date, url);
        }
    }
}
