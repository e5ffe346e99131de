using System.Numerics;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Meaning;

public enum MeaningTextKind
{
    /// <summary>A question staff ask for the node (<c>examples:</c>).</summary>
    Example,
    Title,

    /// <summary>One sentence of the node's summary.</summary>
    Summary,

    /// <summary>A near-domain question no topic answers (out-of-scope.yaml).</summary>
    OutOfScope,
}

/// <summary>A text the meaning stage compares questions with; <see cref="NodeId"/> is null for out-of-scope examples.</summary>
public sealed record MeaningText(string Text, MeaningTextKind Kind, string? NodeId);

/// <summary>How close a question is to one node: its closest text decides.</summary>
public sealed record NodeCloseness(KnowledgeNode Node, double Similarity, MeaningText Closest);

/// <summary>A question against every node (best first) and against the out-of-scope examples.</summary>
public sealed record MeaningScores(IReadOnlyList<NodeCloseness> Nodes, double OutOfScope, MeaningText? ClosestOutOfScope)
{
    /// <summary>
    /// Each topic once, by its closest node (a topic or one of its sub-questions), best first. Derived once: the
    /// scores of a repeated question are cached, and every decision reads this list.
    /// </summary>
    public IReadOnlyList<NodeCloseness> Topics { get; } =
        Nodes.GroupBy(n => n.Node.TopicId, StringComparer.Ordinal).Select(g => g.First()).ToList();
}

/// <summary>
/// The vectors of one knowledge snapshot's English texts (examples, titles, summary sentences) and of the
/// out-of-scope examples. Immutable; built beside the knowledge snapshot it belongs to.
/// </summary>
public sealed class MeaningIndex
{
    /// <summary>The language of the model's texts: French questions use the keyword tree alone.</summary>
    public const string Language = "en";

    private readonly MeaningText[] _texts;
    private readonly float[][] _vectors;

    private MeaningIndex(KnowledgeBase knowledge, MeaningText[] texts, float[][] vectors)
    {
        Knowledge = knowledge;
        _texts = texts;
        _vectors = vectors;
    }

    public KnowledgeBase Knowledge { get; }

    public int Count => _texts.Length;

    /// <summary>How many texts had to be embedded (the rest came from the cache).</summary>
    public int Embedded { get; private init; }

    /// <summary>Every text the index holds for a snapshot, in a fixed order.</summary>
    public static IReadOnlyList<MeaningText> TextsOf(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var texts = new List<MeaningText>();
        var seen = new HashSet<(string, string?)>();
        void Add(string text, MeaningTextKind kind, string? nodeId)
        {
            var trimmed = text.Trim();
            if (trimmed.Length > 0 && seen.Add((trimmed, nodeId)))
            {
                texts.Add(new MeaningText(trimmed, kind, nodeId));
            }
        }

        foreach (var node in knowledge.NodesById.Values.Where(n => !n.IsRoot).OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            foreach (var example in node.Examples.Where(e => e.Language == Language))
            {
                Add(example.Text, MeaningTextKind.Example, node.Id);
            }

            Add(node.Title.Get(Language), MeaningTextKind.Title, node.Id);
            foreach (var sentence in Sentences(node.Summary.Get(Language)))
            {
                Add(sentence, MeaningTextKind.Summary, node.Id);
            }
        }

        foreach (var example in knowledge.OutOfScopeExamples.Where(e => e.Language == Language))
        {
            Add(example.Text, MeaningTextKind.OutOfScope, null);
        }

        return texts;
    }

    /// <summary>Embeds every text of the snapshot, reusing and then refreshing the on-disk cache when one is given.</summary>
    public static MeaningIndex Build(KnowledgeBase knowledge, ISentenceEmbedder embedder, EmbeddingCache? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(embedder);
        var texts = TextsOf(knowledge);
        var cached = cache?.Load() ?? [];
        var current = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var vectors = new float[texts.Count][];
        var embedded = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var key = EmbeddingCache.KeyOf(texts[i].Text);
            if (!current.TryGetValue(key, out var vector) && !cached.TryGetValue(key, out vector))
            {
                vector = embedder.Embed(texts[i].Text, cancellationToken);
                embedded++;
            }

            current[key] = vector;
            vectors[i] = vector;
        }

        if (cache is not null && (embedded > 0 || current.Count != cached.Count))
        {
            cache.Save(current);
        }

        return new MeaningIndex(knowledge, [.. texts], vectors) { Embedded = embedded };
    }

    /// <summary>A question's vector against every text: each node's closest text, and the closest out-of-scope one.</summary>
    public MeaningScores Score(float[] question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var best = new Dictionary<string, (double Similarity, MeaningText Text)>(StringComparer.Ordinal);
        var outOfScope = double.NegativeInfinity;
        MeaningText? closestOutOfScope = null;
        for (var i = 0; i < _texts.Length; i++)
        {
            var similarity = Dot(question, _vectors[i]);
            var text = _texts[i];
            if (text.NodeId is null)
            {
                if (similarity > outOfScope)
                {
                    (outOfScope, closestOutOfScope) = (similarity, text);
                }
            }
            else if (!best.TryGetValue(text.NodeId, out var current) || similarity > current.Similarity)
            {
                best[text.NodeId] = (similarity, text);
            }
        }

        var nodes = best
            .Select(p => new NodeCloseness(Knowledge.NodesById[p.Key], p.Value.Similarity, p.Value.Text))
            .OrderByDescending(n => n.Similarity)
            .ThenBy(n => n.Node.Id, StringComparer.Ordinal)
            .ToList();
        return new MeaningScores(nodes, closestOutOfScope is null ? 0 : outOfScope, closestOutOfScope);
    }

    internal static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var total = Vector.Sum(sum);
        for (; i < length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    /// <summary>A summary's sentences of four words or more: each is closer to one kind of question than the whole.</summary>
    internal static IEnumerable<string> Sentences(string summary) =>
        SentenceBreaks.Split(summary).Select(s => s.Trim()).Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4);
}
