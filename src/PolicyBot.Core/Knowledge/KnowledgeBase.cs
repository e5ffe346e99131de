using System.Collections.Frozen;

namespace PolicyBot.Core.Knowledge;

/// <summary>
/// An immutable snapshot of the whole knowledge base. A reload builds a new one beside the old and swaps it
/// in one step, so a turn never sees half an edit.
/// </summary>
public sealed class KnowledgeBase
{
    public KnowledgeBase(
        KnowledgeNode root,
        IReadOnlyList<FacetDefinition> facets,
        IReadOnlyList<SynonymGroup> synonyms,
        string contentVersion,
        IReadOnlyList<ExampleQuestion>? outOfScopeExamples = null,
        IReadOnlyList<GlossaryEntry>? glossary = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        Facets = facets;
        Synonyms = synonyms;
        ContentVersion = contentVersion;
        OutOfScopeExamples = outOfScopeExamples ?? [];
        Glossary = glossary ?? [];
        var all = new Dictionary<string, KnowledgeNode>(StringComparer.Ordinal);
        Collect(root, all);
        NodesById = all.ToFrozenDictionary(StringComparer.Ordinal);
        Topics = root.Children;
    }

    public KnowledgeNode Root { get; }

    /// <summary>The top-level topics, in menu order.</summary>
    public IReadOnlyList<KnowledgeNode> Topics { get; }

    public FrozenDictionary<string, KnowledgeNode> NodesById { get; }

    public IReadOnlyList<FacetDefinition> Facets { get; }

    public IReadOnlyList<SynonymGroup> Synonyms { get; }

    /// <summary>
    /// Questions near the domain that no topic answers (force protection, data protection, other summit decisions):
    /// the meaning-based stage never answers a question closer to these than to a node's examples.
    /// </summary>
    public IReadOnlyList<ExampleQuestion> OutOfScopeExamples { get; }

    /// <summary>
    /// Words of other languages glossed in plain English (glossary.yaml), so that a French question in other words
    /// can be weighed by the English meaning stage. Empty: such questions get the keyword tree's outcome alone.
    /// </summary>
    public IReadOnlyList<GlossaryEntry> Glossary { get; }

    /// <summary>A short hash of the content files, logged with feedback so it can be tied to what was shown.</summary>
    public string ContentVersion { get; }

    public KnowledgeNode? Find(string? id) => id is not null && NodesById.TryGetValue(id, out var node) ? node : null;

    /// <summary>The sub-node of <paramref name="topicId"/> for <paramref name="facet"/> (the topic itself for Overview).</summary>
    public KnowledgeNode? FindFacet(string topicId, Facet facet)
    {
        var topic = Find(topicId);
        if (topic is null || facet == Facet.Overview)
        {
            return topic;
        }

        return topic.Children.FirstOrDefault(c => c.Facet == facet);
    }

    public FacetDefinition? FacetDefinition(Facet facet) => Facets.FirstOrDefault(f => f.Facet == facet);

    private static void Collect(KnowledgeNode node, Dictionary<string, KnowledgeNode> all)
    {
        all[node.Id] = node;
        foreach (var child in node.Children)
        {
            Collect(child, all);
        }
    }
}
