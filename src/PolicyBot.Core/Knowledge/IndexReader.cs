using System.Text.Json.Nodes;

namespace PolicyBot.Core.Knowledge;

/// <summary>Reads index.yaml: the root node and the order of the topic menu.</summary>
internal static class IndexReader
{
    public static KnowledgeNode? Read(ContentDocument document, List<KnowledgeNode> topics, LoadContext context)
    {
        var root = document.Root.AsObject();
        foreach (var required in (string[])["title", "summary", "topics"])
        {
            if (root[required] is null)
            {
                context.Error(document, string.Empty, $"'{required}' is required");
            }
        }

        if (root["topics"] is not JsonArray topicIds)
        {
            return null;
        }

        var byId = topics.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var ordered = new List<KnowledgeNode>();
        for (var i = 0; i < topicIds.Count; i++)
        {
            var id = topicIds[i]?.ToString() ?? string.Empty;
            if (byId.Remove(id, out var topic))
            {
                ordered.Add(topic);
            }
            else if (ordered.Any(t => t.Id == id))
            {
                context.Error(document, $"/topics/{i}", $"the topic '{id}' is listed twice");
            }
            else
            {
                context.Error(document, $"/topics/{i}", $"no topic file '{id}.yaml' (or it has errors)");
            }
        }

        foreach (var unlisted in byId.Values)
        {
            context.Error(document, "/topics", $"the topic file '{unlisted.Id}.yaml' is not listed in topics");
        }

        var documents = TopicReader.ReadDocuments(document, root, context);
        var rootNode = new KnowledgeNode
        {
            Id = KnowledgeLoader.RootId,
            TopicId = KnowledgeLoader.RootId,
            Facet = Facet.Overview,
            Title = TopicReader.Localized(root["title"]),
            Summary = TopicReader.Localized(root["summary"]),
            AsOf = root["asOf"] is JsonValue asOf && DateOnly.TryParse(asOf.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var date) ? date : null,
            Sources = (root["sources"] as JsonArray)?.Select(s => documents.GetValueOrDefault(s!.ToString())).OfType<SourceDocument>().ToList() ?? [],
            Location = $"{document.File}:1",
            Children = ordered,
        };
        foreach (var topic in ordered)
        {
            topic.ParentId = rootNode.Id;
        }

        return rootNode;
    }
}
