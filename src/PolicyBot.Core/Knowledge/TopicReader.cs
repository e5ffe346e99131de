using System.Globalization;
using System.Text.Json.Nodes;

namespace PolicyBot.Core.Knowledge;

/// <summary>Builds a topic node and its sub-nodes from a topic file that has passed the schema.</summary>
internal static class TopicReader
{
    public static KnowledgeNode? Read(ContentDocument document, LoadContext context)
    {
        var root = document.Root.AsObject();
        var topicId = Text(root, "id");
        var expected = Path.GetFileNameWithoutExtension(document.File);
        if (!string.Equals(topicId, expected, StringComparison.Ordinal))
        {
            context.Error(document, "/id", $"the id '{topicId}' must equal the file name '{expected}'");
            return null;
        }

        var documents = ReadDocuments(document, root, context);
        var children = new List<KnowledgeNode>();
        if (root["nodes"] is JsonArray nodes)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                if (nodes[i] is JsonObject child)
                {
                    children.Add(ReadNode(document, child, $"/nodes/{i}", topicId, documents, context, isTopic: false));
                }
            }
        }

        var topic = ReadNode(document, root, string.Empty, topicId, documents, context, isTopic: true);
        foreach (var child in children)
        {
            child.ParentId = topic.Id;
        }

        topic.Children = children;
        return topic;
    }

    private static KnowledgeNode ReadNode(
        ContentDocument document,
        JsonObject node,
        string pointer,
        string topicId,
        IReadOnlyDictionary<string, SourceDocument> documents,
        LoadContext context,
        bool isTopic)
    {
        var id = Text(node, "id");
        var facet = isTopic ? Facet.Overview : ParseFacet(Text(node, "facet"));
        if (!isTopic && !id.StartsWith(topicId + ".", StringComparison.Ordinal))
        {
            context.Error(document, pointer + "/id", $"a sub-node id must start with the topic id: '{topicId}.<facet>'");
        }

        return new KnowledgeNode
        {
            Id = id,
            TopicId = topicId,
            Facet = facet,
            Title = Localized(node["title"]),
            Status = Localized(node["status"]),
            Summary = Localized(node["summary"]),
            AsOf = Date(node["asOf"]),
            Checked = Date(node["checked"]),
            Translations = ReadTranslationSources(node["translations"]),
            Order = node["order"] is JsonValue order ? ToInt(order) : 0,
            Keywords = ReadKeywords(node["keywords"]),
            Examples = ReadExamples(node["examples"]),
            Obligations = ReadObligations(document, node, pointer, documents, context),
            Changes = ReadChanges(document, node, pointer, documents, context),
            Sources = ReadSourceIds(document, node, pointer, documents, context),
            RelatedIds = (node["related"] as JsonArray)?.Select(r => r!.ToString()).ToList() ?? [],
            Location = $"{document.File}:{document.LineOf(pointer.Length == 0 ? "/id" : pointer)}",
        };
    }

    internal static Facet ParseFacet(string value) =>
        Enum.TryParse<Facet>(value, ignoreCase: true, out var facet) ? facet : Facet.Overview;

    internal static Dictionary<string, SourceDocument> ReadDocuments(ContentDocument document, JsonObject root, LoadContext context)
    {
        var documents = new Dictionary<string, SourceDocument>(StringComparer.Ordinal);
        if (root["documents"] is not JsonArray array)
        {
            return documents;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                continue;
            }

            var id = Text(item, "id");
            Uri? url = null;
            if (item["url"] is JsonValue urlValue && !Uri.TryCreate(urlValue.ToString(), UriKind.Absolute, out url))
            {
                context.Error(document, $"/documents/{i}/url", "not an absolute URL");
            }

            var source = new SourceDocument(id, Text(item, "title"), Text(item, "issuer"), Text(item, "date"), url)
            {
                Note = OptionalText(item, "note"),
                Translations = ReadDocumentTranslations(document, item, $"/documents/{i}", context),
            };
            if (!documents.TryAdd(id, source))
            {
                context.Error(document, $"/documents/{i}/id", $"the document id '{id}' is used twice in this file");
            }
        }

        return documents;
    }

    private static Dictionary<string, DocumentTranslation> ReadDocumentTranslations(ContentDocument document, JsonObject item, string pointer, LoadContext context)
    {
        var translations = new Dictionary<string, DocumentTranslation>(StringComparer.OrdinalIgnoreCase);
        if (item["translations"] is not JsonObject byLanguage)
        {
            return translations;
        }

        foreach (var (language, value) in byLanguage)
        {
            if (value is not JsonObject translation)
            {
                continue;
            }

            Uri? url = null;
            if (translation["url"] is JsonValue urlValue && !Uri.TryCreate(urlValue.ToString(), UriKind.Absolute, out url))
            {
                context.Error(document, $"{pointer}/translations/{language}/url", "not an absolute URL");
            }

            translations[language] = new DocumentTranslation(OptionalText(translation, "title"), OptionalText(translation, "issuer"), url);
        }

        return translations;
    }

    private static Dictionary<string, TranslationSource> ReadTranslationSources(JsonNode? node)
    {
        var sources = new Dictionary<string, TranslationSource>(StringComparer.OrdinalIgnoreCase);
        if (node is not JsonObject byLanguage)
        {
            return sources;
        }

        foreach (var (language, value) in byLanguage)
        {
            if (value is JsonObject entry && entry["source"] is JsonValue source)
            {
                sources[language] = source.ToString() switch
                {
                    "translated-from-en" => TranslationSource.TranslatedFromEnglish,
                    "partly-translated-from-en" => TranslationSource.PartlyTranslatedFromEnglish,
                    _ => TranslationSource.Official,
                };
            }
        }

        return sources;
    }

    private static List<SourceDocument> ReadSourceIds(ContentDocument document, JsonObject node, string pointer, IReadOnlyDictionary<string, SourceDocument> documents, LoadContext context)
    {
        var sources = new List<SourceDocument>();
        if (node["sources"] is not JsonArray ids)
        {
            return sources;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i]!.ToString();
            if (documents.TryGetValue(id, out var source))
            {
                sources.Add(source);
            }
            else
            {
                context.Error(document, $"{pointer}/sources/{i}", $"'{id}' is not a document id of this file");
            }
        }

        return sources;
    }

    private static List<Obligation> ReadObligations(ContentDocument document, JsonObject node, string pointer, IReadOnlyDictionary<string, SourceDocument> documents, LoadContext context) =>
        ReadCited(document, node, pointer, "obligations", documents, context, (item, source) => new Obligation(Localized(item["who"]), Localized(item["what"]), source, Reference(item["ref"])) { Note = OptionalText(item, "note") });

    private static List<ChangeNote> ReadChanges(ContentDocument document, JsonObject node, string pointer, IReadOnlyDictionary<string, SourceDocument> documents, LoadContext context) =>
        ReadCited(document, node, pointer, "changes", documents, context, (item, source) => new ChangeNote(Text(item, "date"), Localized(item["text"]), source) { Note = OptionalText(item, "note") });

    /// <summary>Reads a list whose items each cite a document of the file by its id ("source").</summary>
    private static List<T> ReadCited<T>(
        ContentDocument document,
        JsonObject node,
        string pointer,
        string field,
        IReadOnlyDictionary<string, SourceDocument> documents,
        LoadContext context,
        Func<JsonObject, SourceDocument, T> create)
    {
        var result = new List<T>();
        if (node[field] is not JsonArray array)
        {
            return result;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i]!.AsObject();
            var sourceId = Text(item, "source");
            if (documents.TryGetValue(sourceId, out var source))
            {
                result.Add(create(item, source));
            }
            else
            {
                context.Error(document, $"{pointer}/{field}/{i}/source", $"'{sourceId}' is not a document id of this file");
            }
        }

        return result;
    }

    internal static List<Keyword> ReadKeywords(JsonNode? keywords) =>
        ReadPerLanguage(keywords, (item, language) =>
            item is JsonObject keyword && keyword["term"] is JsonValue term && keyword["weight"] is JsonValue weight
                ? new Keyword(term.ToString(), ToInt(weight), language)
                : null);

    /// <summary>Example questions: a map from language to a list of strings (the shape the schema checks).</summary>
    internal static List<ExampleQuestion> ReadExamples(JsonNode? examples) =>
        ReadPerLanguage(examples, (item, language) =>
            item is JsonValue text && text.ToString().Trim() is { Length: > 0 } trimmed ? new ExampleQuestion(trimmed, language) : null);

    /// <summary>A map from language to a list (keywords, examples): each item read by <paramref name="read"/>, nulls skipped.</summary>
    private static List<T> ReadPerLanguage<T>(JsonNode? node, Func<JsonNode?, string, T?> read)
        where T : class
    {
        var result = new List<T>();
        if (node is not JsonObject byLanguage)
        {
            return result;
        }

        foreach (var (language, list) in byLanguage)
        {
            foreach (var item in (list as JsonArray) ?? [])
            {
                if (read(item, language) is { } value)
                {
                    result.Add(value);
                }
            }
        }

        return result;
    }

    private static DateOnly? Date(JsonNode? value) =>
        value is JsonValue text && DateOnly.TryParseExact(text.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? OptionalText(JsonObject node, string name) => node[name]?.ToString() is { Length: > 0 } text ? text : null;

    internal static LocalizedText Localized(JsonNode? node) =>
        node is JsonObject byLanguage
            ? new LocalizedText(byLanguage.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.OrdinalIgnoreCase))
            : LocalizedText.Empty;

    /// <summary>An obligation's "ref": per language, or one string for every language; null when absent.</summary>
    private static LocalizedText? Reference(JsonNode? node) => node switch
    {
        JsonObject => Localized(node),
        JsonValue value when value.ToString() is { Length: > 0 } text => LocalizedText.English(text),
        _ => null,
    };

    internal static int ToInt(JsonValue value) =>
        value.TryGetValue<long>(out var integer) ? (int)integer : value.TryGetValue<double>(out var number) ? (int)number : 0;

    internal static string Text(JsonObject node, string name) => node[name]?.ToString() ?? string.Empty;
}
