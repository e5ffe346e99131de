namespace PolicyBot.Core.Knowledge;

/// <summary>What the schema cannot say: unique ids, links between nodes, sources, and keyword clashes.</summary>
internal static class SemanticChecks
{
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
