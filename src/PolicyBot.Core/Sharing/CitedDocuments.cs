using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Sharing;

/// <summary>
/// Which topic a NATO page belongs to, for link previews: every page a topic cites (as a source of the topic or of
/// one of its sub-questions, of an obligation or of a dated change, in English or in a translation) points at that
/// topic. A page several topics cite (the Human Security page) goes to the topic that cites it most prominently:
/// among its own sources first, then a sub-question's, then an obligation's or change's; ties go to menu order.
/// Built once per knowledge snapshot.
/// </summary>
public sealed class CitedDocuments
{
    private static readonly ConditionalWeakTable<KnowledgeBase, CitedDocuments> Cache = [];

    private readonly FrozenDictionary<string, CitedPage> _topicByPage;

    private CitedDocuments(FrozenDictionary<string, CitedPage> topicByPage) => _topicByPage = topicByPage;

    /// <summary>How many distinct pages the knowledge cites.</summary>
    public int Count => _topicByPage.Count;

    public static CitedDocuments For(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return Cache.GetValue(knowledge, Build);
    }

    /// <summary>The topic that cites <paramref name="url"/>, or null when no topic cites it (or it is not an http(s) address).</summary>
    public CitedPage? Find(string? url) =>
        PageKey(url) is { } key && _topicByPage.TryGetValue(key, out var page) ? page : null;

    /// <summary>
    /// The same page whatever the link's form: http or https, the host in any case, with or without a query string
    /// (nato.int adds ?selectedLocale=en) or a fragment. Null for anything but an absolute http(s) URL.
    /// </summary>
    internal static string? PageKey(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return uri.IdnHost.ToLowerInvariant() + uri.AbsolutePath.TrimEnd('/').ToLowerInvariant();
    }

    private static CitedDocuments Build(KnowledgeBase knowledge)
    {
        var best = new Dictionary<string, (CitedPage Page, int Prominence, int Order)>(StringComparer.Ordinal);
        for (var order = 0; order < knowledge.Topics.Count; order++)
        {
            var topic = knowledge.Topics[order];
            foreach (var (document, prominence) in Cited(topic))
            {
                foreach (var (url, language) in Pages(document))
                {
                    if (PageKey(url.AbsoluteUri) is not { } key)
                    {
                        continue;
                    }

                    if (!best.TryGetValue(key, out var current) || prominence > current.Prominence || prominence == current.Prominence && order < current.Order)
                    {
                        best[key] = (new CitedPage(topic, language), prominence, order);
                    }
                }
            }
        }

        return new CitedDocuments(best.ToFrozenDictionary(p => p.Key, p => p.Value.Page, StringComparer.Ordinal));
    }

    /// <summary>Every document a topic cites, with how prominently: 3 its own sources, 2 a sub-question's, 1 an obligation's or a change's.</summary>
    private static IEnumerable<(SourceDocument Document, int Prominence)> Cited(KnowledgeNode topic)
    {
        foreach (var node in Descendants(topic))
        {
            var prominence = ReferenceEquals(node, topic) ? 3 : 2;
            foreach (var document in node.Sources)
            {
                yield return (document, prominence);
            }

            foreach (var obligation in node.Obligations)
            {
                yield return (obligation.Source, 1);
            }

            foreach (var change in node.Changes)
            {
                yield return (change.Source, 1);
            }
        }
    }

    private static IEnumerable<KnowledgeNode> Descendants(KnowledgeNode node)
    {
        yield return node;
        foreach (var child in node.Children.SelectMany(Descendants))
        {
            yield return child;
        }
    }

    /// <summary>A document's page, and its pages in other languages with their language (null: the document's own page).</summary>
    private static IEnumerable<(Uri Url, string? Language)> Pages(SourceDocument document)
    {
        if (document.Url is { } url)
        {
            yield return (url, null);
        }

        foreach (var (language, translation) in document.Translations)
        {
            if (translation.Url is { } translated)
            {
                yield return (translated, language);
            }
        }
    }
}

/// <summary>A page the knowledge cites: the topic it belongs to, and its language when it is a document's translated page.</summary>
public sealed record CitedPage(KnowledgeNode Topic, string? Language);
