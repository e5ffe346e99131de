using System.Globalization;
using System.Text.Json.Nodes;
using PolicyBot.Core.Language;

namespace PolicyBot.Core.Knowledge;

/// <summary>
/// What the schema cannot say: unique ids, links between nodes, sources, keyword clashes (across files, on the
/// model), and per file: research wording on card-visible texts, texts and keywords given in English but not in every
/// other language the bot answers in, URLs off the allow-list, dates after the checked date, obligations whose "who"
/// is only "NATO", and the content owner's notes (on the file, with lines).
/// </summary>
internal static class SemanticChecks
{
    /// <summary>The fields of a node that a card shows, per language.</summary>
    private static readonly string[] CardNodeTexts = ["title", "status", "summary"];

    /// <summary>The dated lists of a topic file, and what one item of each is called in a message.</summary>
    private static readonly (string List, string What)[] DatedLists = [("changes", "change"), ("documents", "document")];

    /// <summary>
    /// Checks one file that has passed the schema (a topic file or index.yaml) against the content rules and
    /// collects its notes. Works on the file itself, so every problem names its line.
    /// </summary>
    public static void CheckFile(ContentDocument document, ContentRules rules, LoadContext context, DateOnly today)
    {
        var root = document.Root.AsObject();
        CheckNode(document, root, string.Empty, rules, context);
        foreach (var (node, pointer) in Items(root, "nodes", string.Empty))
        {
            CheckNode(document, node, pointer, rules, context);
        }

        foreach (var (item, pointer) in Items(root, "documents", string.Empty))
        {
            CheckPlain(document, item, pointer, "title", rules, context);
            CheckPlain(document, item, pointer, "issuer", rules, context);
            CollectNote(document, item, pointer, context);
            CheckUrl(document, item, pointer, rules, context);
            if (item["translations"] is JsonObject translations)
            {
                foreach (var (language, translation) in translations)
                {
                    if (translation is JsonObject translated)
                    {
                        var translatedPointer = $"{pointer}/translations/{language}";
                        CheckPlain(document, translated, translatedPointer, "title", rules, context);
                        CheckPlain(document, translated, translatedPointer, "issuer", rules, context);
                        CheckUrl(document, translated, translatedPointer, rules, context);
                    }
                }
            }
        }

        CheckDates(document, root, context, today);
    }

    private static void CheckUrl(ContentDocument document, JsonObject item, string pointer, ContentRules rules, LoadContext context)
    {
        if (item["url"] is JsonValue url && rules.AllowedUrlPrefixes.Count > 0 && !rules.IsAllowedUrl(url.ToString()))
        {
            context.Error(document, pointer + "/url", $"'{url}' is not on the allow-list of official URLs ({KnowledgeLoader.ContentRulesFile}: {ContentRulesReader.AllowedUrlsField}); use only URLs the fact sheets list");
        }
    }

    private static void CheckNode(ContentDocument document, JsonObject node, string pointer, ContentRules rules, LoadContext context)
    {
        foreach (var field in CardNodeTexts)
        {
            CheckLocalized(document, node, pointer, field, rules, context);
            CheckTranslated(document, node, pointer, field, context);
        }

        CheckTranslated(document, node, pointer, "keywords", context);
        foreach (var (obligation, at) in Items(node, "obligations", pointer))
        {
            CheckLocalized(document, obligation, at, "who", rules, context);
            CheckLocalized(document, obligation, at, "what", rules, context);
            CheckTranslated(document, obligation, at, "who", context);
            CheckTranslated(document, obligation, at, "what", context);
            if (obligation["ref"] is JsonObject)
            {
                CheckLocalized(document, obligation, at, "ref", rules, context);
                CheckTranslated(document, obligation, at, "ref", context);
            }
            else
            {
                CheckPlain(document, obligation, at, "ref", rules, context);
            }

            CollectNote(document, obligation, at, context);
            if (obligation["who"] is JsonObject who && who.Any(p => IsOnlyNato(p.Value?.ToString())))
            {
                context.Warning(document, at + "/who", "says only \"NATO\": name who must act (Allies, NATO military authorities, the Strategic Commands, commanders of NATO-led operations, staff, ...)");
            }
        }

        foreach (var (change, at) in Items(node, "changes", pointer))
        {
            CheckLocalized(document, change, at, "text", rules, context);
            CheckTranslated(document, change, at, "text", context);
            CollectNote(document, change, at, context);
        }
    }

    /// <summary>The objects of a list field, each with its JSON pointer (other items are the schema's business).</summary>
    private static IEnumerable<(JsonObject Item, string Pointer)> Items(JsonObject owner, string field, string pointer)
    {
        if (owner[field] is not JsonArray items)
        {
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonObject item)
            {
                yield return (item, $"{pointer}/{field}/{i}");
            }
        }
    }

    /// <summary>
    /// A change dated after the topic's checked date, or a checked date older than the newest change or document,
    /// means the topic was not checked since it was last edited; a checked date after today is a typing error.
    /// </summary>
    private static void CheckDates(ContentDocument document, JsonObject root, LoadContext context, DateOnly today)
    {
        if (root["checked"] is not JsonValue checkedValue
            || !DateOnly.TryParseExact(checkedValue.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkedDate))
        {
            return;
        }

        if (checkedDate > today)
        {
            context.Error(document, "/checked", $"the checked date {checkedDate:yyyy-MM-dd} is in the future");
        }

        (DateOnly Date, string Pointer, string What)? newest = null;
        foreach (var (list, what) in DatedLists)
        {
            foreach (var (item, at) in Items(root, list, string.Empty))
            {
                if (PeriodStart(item["date"]?.ToString()) is not { } start)
                {
                    continue;
                }

                var pointer = at + "/date";
                if (what == "change" && start > checkedDate)
                {
                    context.Error(document, pointer, $"the change is dated {item["date"]}, after the topic's checked date {checkedDate:yyyy-MM-dd}: check the topic against NATO's sources and update checked");
                }

                if (newest is null || start > newest.Value.Date)
                {
                    newest = (start, pointer, $"{what} dated {item["date"]}");
                }
            }
        }

        if (newest is { } latest && latest.Date > checkedDate)
        {
            context.Error(document, "/checked", $"the checked date {checkedDate:yyyy-MM-dd} is older than the newest {latest.What} (line {document.LineOf(latest.Pointer)}): check the topic again and update checked");
        }
    }

    /// <summary>The first day of a YYYY, YYYY-MM or YYYY-MM-DD date.</summary>
    internal static DateOnly? PeriodStart(string? date)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return date is not null && DateOnly.TryParseExact(date, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ? start : null;
    }

    private static bool IsOnlyNato(string? who) =>
        who is not null && string.Equals(who.Trim().TrimEnd('.', ',', ';', ':').Trim(), "NATO", StringComparison.OrdinalIgnoreCase);

    private static void CheckLocalized(ContentDocument document, JsonObject owner, string pointer, string field, ContentRules rules, LoadContext context)
    {
        if (owner[field] is not JsonObject byLanguage)
        {
            return;
        }

        foreach (var (language, value) in byLanguage)
        {
            CheckText(document, $"{pointer}/{field}/{language}", value?.ToString(), rules, context);
        }
    }

    /// <summary>
    /// A text (or keyword list) given in English needs every other language the bot answers in beside it: a French
    /// question is answered in French and matched on the French keywords only.
    /// </summary>
    private static void CheckTranslated(ContentDocument document, JsonObject owner, string pointer, string field, LoadContext context)
    {
        if (owner[field] is not JsonObject byLanguage || !HasContent(byLanguage[Languages.English]))
        {
            return;
        }

        foreach (var language in Languages.Supported.Where(l => l != Languages.English && !HasContent(byLanguage[l])))
        {
            var name = CultureInfo.GetCultureInfo(language).EnglishName;
            context.Error(document, $"{pointer}/{field}", field == "keywords"
                ? $"has English keywords but no {name} ones ({language}:): {name} questions are matched on {name} keywords only"
                : $"has an English text but no {name} one ({language}:): every text a card shows is needed in each language the bot answers in");
        }
    }

    private static bool HasContent(JsonNode? value) => value switch
    {
        JsonArray list => list.Count > 0,
        JsonValue text => !string.IsNullOrWhiteSpace(text.ToString()),
        _ => false,
    };

    private static void CheckPlain(ContentDocument document, JsonObject owner, string pointer, string field, ContentRules rules, LoadContext context) =>
        CheckText(document, $"{pointer}/{field}", owner[field]?.ToString(), rules, context);

    private static void CheckText(ContentDocument document, string pointer, string? text, ContentRules rules, LoadContext context)
    {
        if (text is not null && rules.ResearchPhraseIn(text) is { } phrase)
        {
            context.Error(document, pointer, $"“{phrase}” is about our research, not for the reader ({KnowledgeLoader.ContentRulesFile}: {ContentRulesReader.ResearchWordingField}): move it to a note, and say plainly once if a text is not public");
        }
    }

    private static void CollectNote(ContentDocument document, JsonObject owner, string pointer, LoadContext context)
    {
        if (owner["note"] is JsonValue note && note.ToString() is { Length: > 0 } text)
        {
            context.Notes.Add(new ContentNote(document.File, document.LineOf(pointer + "/note"), LoadContext.FieldName(pointer + "/note"), text));
        }
    }

    public static void Run(KnowledgeNode root, LoadContext context)
    {
        var all = new Dictionary<string, KnowledgeNode>(StringComparer.Ordinal);
        foreach (var node in Walk(root))
        {
            if (!all.TryAdd(node.Id, node))
            {
                Error(context, node, "id", $"the id '{node.Id}' is also used at {all[node.Id].Location}");
            }
        }

        foreach (var node in Walk(root))
        {
            foreach (var related in node.RelatedIds.Where(r => !all.ContainsKey(r)))
            {
                Error(context, node, "related", $"'{related}' is not the id of any node");
            }
        }

        foreach (var topic in root.Children)
        {
            if (Walk(topic).All(n => n.Obligations.Count == 0))
            {
                Error(context, topic, "obligations", "a topic needs at least one obligation (who must do what)");
            }

            if (!Walk(topic).SelectMany(n => n.Sources).Any(s => s.Url?.Scheme == Uri.UriSchemeHttps))
            {
                Error(context, topic, "sources", "a topic needs at least one source document with an https URL");
            }

            if (topic.Checked is null)
            {
                Error(context, topic, "checked", "a topic needs the date it was last checked against NATO's sources (YYYY-MM-DD)");
            }
        }

        ReportKeywordClashes(root, context);
    }

    /// <summary>The same keyword on two topics at the same weight cannot tell them apart: say so (a warning; it may be meant).</summary>
    private static void ReportKeywordClashes(KnowledgeNode root, LoadContext context)
    {
        var claims = new Dictionary<(string Term, string Language, int Weight), KnowledgeNode>();
        foreach (var topic in root.Children)
        {
            foreach (var keyword in topic.Keywords.Where(k => k.Weight > 0))
            {
                var key = (keyword.Term.Trim().ToUpperInvariant(), keyword.Language, keyword.Weight);
                if (claims.TryGetValue(key, out var other) && other.TopicId != topic.TopicId)
                {
                    var (file, line) = Split(topic.Location);
                    context.Warning(file, line, "keywords", $"'{keyword.Term}' (weight {keyword.Weight}) is also claimed by '{other.TopicId}' at the same weight: questions with it alone will be ambiguous");
                }
                else
                {
                    claims[key] = topic;
                }
            }
        }
    }

    private static void Error(LoadContext context, KnowledgeNode node, string field, string message)
    {
        var (file, line) = Split(node.Location);
        context.Error(file, line, node.IsRoot ? field : $"{node.Id}: {field}", message);
    }

    private static (string File, int Line) Split(string location)
    {
        var colon = location.LastIndexOf(':');
        return colon > 0 && int.TryParse(location[(colon + 1)..], out var line) ? (location[..colon], line) : (location, 0);
    }

    internal static IEnumerable<KnowledgeNode> Walk(KnowledgeNode node)
    {
        yield return node;
        foreach (var descendant in node.Children.SelectMany(Walk))
        {
            yield return descendant;
        }
    }
}
