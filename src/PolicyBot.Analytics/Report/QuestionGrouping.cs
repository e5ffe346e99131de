using System.Text;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Analytics.Report;

/// <summary>A redacted question the bot could not answer (a fallback or suggestions), in the conversation's language.</summary>
public sealed record UnansweredQuestion(string Text, string Language);

/// <summary>Puts similar phrasings of unanswered questions together and names the node each group most likely belongs to.</summary>
public interface IQuestionGrouper
{
    /// <summary>"meaning" or "word overlap", said in the report.</summary>
    string Method { get; }

    IReadOnlyList<QuestionGroup> Group(IReadOnlyList<UnansweredQuestion> questions, KnowledgeBase knowledge);
}

/// <summary>
/// Grouping by the words two phrasings share (Jaccard over content words, light stemming), and the likely node by
/// the words a question shares with each node's title, keywords and examples. Used when the meaning stage is off,
/// and for languages the English sentence model does not read.
/// </summary>
public sealed class WordOverlapGrouper : IQuestionGrouper
{
    /// <summary>Share of their content words two phrasings must have in common to be one group.</summary>
    public const double SameQuestion = 0.4;

    /// <summary>Share of a group's words a node must carry to be named as its likely home.</summary>
    public const double LikelyNodeMinimum = 0.2;

    public string Method => "word overlap";

    public IReadOnlyList<QuestionGroup> Group(IReadOnlyList<UnansweredQuestion> questions, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(knowledge);
        var groups = new List<QuestionGroup>();
        foreach (var (language, phrasings) in Grouping.Distinct(questions))
        {
            var nodes = NodeWords(knowledge, language);
            var clusters = new List<(HashSet<string> Words, List<Phrasing> Members)>();
            foreach (var phrasing in phrasings)
            {
                var words = Words.Of(phrasing.Text, language);
                var home = clusters.Select(c => (Cluster: c, Score: Words.Jaccard(words, c.Words))).Where(x => x.Score >= SameQuestion).OrderByDescending(x => x.Score).Select(x => x.Cluster).FirstOrDefault();
                if (home.Members is null)
                {
                    clusters.Add((words, [phrasing]));
                }
                else
                {
                    home.Members.Add(phrasing);
                    home.Words.UnionWith(words);
                }
            }

            foreach (var (words, members) in clusters)
            {
                var best = nodes
                    .Select(n => (n.Node, Score: words.Count == 0 ? 0 : (double)words.Count(n.Words.Contains) / words.Count))
                    .OrderByDescending(x => x.Score).ThenBy(x => x.Node.Id, StringComparer.Ordinal)
                    .FirstOrDefault();
                var likely = best.Node is not null && best.Score >= LikelyNodeMinimum ? best.Node : null;
                groups.Add(Grouping.Make(members, language, likely, likely is null ? null : best.Score, knowledge));
            }
        }

        return Grouping.Ordered(groups);
    }

    private static List<(KnowledgeNode Node, HashSet<string> Words)> NodeWords(KnowledgeBase knowledge, string language) =>
        [.. knowledge.NodesById.Values
            .Where(n => !n.IsRoot)
            .Select(n => (n, Words.Of(language: language, text: string.Join(' ',
                new[] { n.Title.Get(language) }
                    .Concat(n.Keywords.Where(k => k.Weight > 0 && (k.Language == language || k.Language == LocalizedText.DefaultLanguage)).Select(k => k.Term))
                    .Concat(n.Examples.Where(e => e.Language == language).Select(e => e.Text))))))];
}

/// <summary>
/// Grouping by meaning with the bot's own MiniLM stage: each phrasing joins the group whose mean vector it is
/// closest to (cosine at least <see cref="SameQuestion"/>), and the group's mean is scored against the knowledge's
/// texts for its likely node. A French phrasing is weighed through its English gloss, as the bot weighs it (and
/// grouped with French phrasings only); one the glossary knows too little of is grouped by its words.
/// </summary>
public sealed class MeaningGrouper(MeaningStage stage) : IQuestionGrouper
{
    /// <summary>
    /// Cosine between a phrasing and a group's mean vector for them to be one question. all-MiniLM-L6-v2 puts
    /// paraphrases of one question at about 0.5-0.9 and unrelated questions of this domain below about 0.3.
    /// </summary>
    public const double SameQuestion = 0.5;

    /// <summary>
    /// Below this closeness no node is named: the group may be a new topic, or out of scope. On a pilot-like sample
    /// the right topic came at 0.45 and above, staff matters (leave, overtime) at 0.40 and below.
    /// </summary>
    public const double LikelyNodeMinimum = 0.42;

    private readonly WordOverlapGrouper _words = new();

    public string Method => "meaning";

    public IReadOnlyList<QuestionGroup> Group(IReadOnlyList<UnansweredQuestion> questions, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(knowledge);
        var index = stage.EnsureIndex(knowledge);
        if (index is null)
        {
            return Grouping.Ordered(_words.Group(questions, knowledge));
        }

        // Each distinct phrasing is read once: itself in English, its gloss in French, or (null) by its words.
        var groups = new List<QuestionGroup>();
        var byWords = new List<UnansweredQuestion>();
        foreach (var (language, phrasings) in Grouping.Distinct(questions))
        {
            var clusters = new List<(float[] Sum, List<Phrasing> Members)>();
            foreach (var phrasing in phrasings)
            {
                if (stage.EnglishText(phrasing.Text, knowledge, language) is not { } text)
                {
                    byWords.AddRange(Enumerable.Repeat(new UnansweredQuestion(phrasing.Text, language), phrasing.Count));
                    continue;
                }

                var vector = stage.Embed(text) ?? throw new InvalidOperationException("The meaning stage unloaded while grouping.");
                var home = clusters.Select(c => (Cluster: c, Score: Cosine(vector, c.Sum))).Where(x => x.Score >= SameQuestion).OrderByDescending(x => x.Score).Select(x => x.Cluster).FirstOrDefault();
                if (home.Members is null)
                {
                    clusters.Add(([.. vector], [phrasing]));
                }
                else
                {
                    home.Members.Add(phrasing);
                    for (var i = 0; i < vector.Length; i++)
                    {
                        home.Sum[i] += vector[i];
                    }
                }
            }

            foreach (var (sum, members) in MergeClose(clusters))
            {
                var closest = index.Score(Normalized(sum)).Nodes.FirstOrDefault(n => !n.Node.IsRoot);
                var likely = closest is not null && closest.Similarity >= LikelyNodeMinimum ? closest.Node : null;
                groups.Add(Grouping.Make(members, language, likely, likely is null ? null : Math.Round(closest!.Similarity, 2), knowledge));
            }
        }

        groups.AddRange(_words.Group(byWords, knowledge));
        return Grouping.Ordered(groups);
    }

    /// <summary>Groups most above the line, at most this many, are merged pairwise after the first pass.</summary>
    internal const int MaxMergedGroups = 2_000;

    /// <summary>
    /// The first pass depends on the order phrasings come in; this one does not: the two groups whose means are
    /// closest are merged while they are at least <see cref="SameQuestion"/> apart (centroid linkage).
    /// </summary>
    private static List<(float[] Sum, List<Phrasing> Members)> MergeClose(List<(float[] Sum, List<Phrasing> Members)> clusters)
    {
        if (clusters.Count < 2 || clusters.Count > MaxMergedGroups)
        {
            return clusters;
        }

        var live = clusters.ToList();
        var similarity = new double[live.Count, live.Count];
        for (var i = 0; i < live.Count; i++)
        {
            for (var j = i + 1; j < live.Count; j++)
            {
                similarity[i, j] = Cosine(live[i].Sum, live[j].Sum);
            }
        }

        var merged = new bool[live.Count];
        while (true)
        {
            (int A, int B, double Score) best = (-1, -1, SameQuestion);
            for (var i = 0; i < live.Count; i++)
            {
                for (var j = i + 1; j < live.Count && !merged[i]; j++)
                {
                    if (!merged[j] && similarity[i, j] >= best.Score)
                    {
                        best = (i, j, similarity[i, j]);
                    }
                }
            }

            if (best.A < 0)
            {
                break;
            }

            var (a, b) = (best.A, best.B);
            for (var d = 0; d < live[a].Sum.Length; d++)
            {
                live[a].Sum[d] += live[b].Sum[d];
            }

            live[a].Members.AddRange(live[b].Members);
            merged[b] = true;
            for (var k = 0; k < live.Count; k++)
            {
                if (k != a && !merged[k])
                {
                    var score = Cosine(live[a].Sum, live[k].Sum);
                    similarity[Math.Min(a, k), Math.Max(a, k)] = score;
                }
            }
        }

        return [.. live.Where((_, i) => !merged[i])];
    }

    private static float[] Normalized(float[] sum)
    {
        var length = Math.Sqrt(sum.Sum(x => (double)x * x));
        return length == 0 ? sum : [.. sum.Select(x => (float)(x / length))];
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return aa == 0 || bb == 0 ? 0 : dot / Math.Sqrt(aa * bb);
    }
}

/// <summary>What both groupers share: distinct phrasings, the group record with its YAML snippet, the order.</summary>
internal static class Grouping
{
    /// <summary>Phrasings in a snippet at most (the most asked).</summary>
    public const int MaxSnippetPhrasings = 10;

    /// <summary>Distinct phrasings per language (case and spacing ignored), most asked first.</summary>
    public static IEnumerable<(string Language, List<Phrasing> Phrasings)> Distinct(IEnumerable<UnansweredQuestion> questions) =>
        questions
            .GroupBy(q => q.Language, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g
                .GroupBy(q => string.Join(' ', q.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant(), StringComparer.Ordinal)
                .Select(same => new Phrasing(same.First().Text.Trim(), same.Count()))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Text, StringComparer.Ordinal)
                .ToList()));

    public static QuestionGroup Make(List<Phrasing> members, string language, KnowledgeNode? likely, double? closeness, KnowledgeBase knowledge)
    {
        var ordered = members.OrderByDescending(p => p.Count).ThenBy(p => p.Text, StringComparer.Ordinal).ToList();
        var node = likely is null ? null : ContentReportBuilder.Ref(likely.Id, knowledge);
        return new QuestionGroup(ordered, language, node, closeness, ExamplesSnippet.Write(likely, language, ordered.Select(p => p.Text).Take(MaxSnippetPhrasings)));
    }

    public static List<QuestionGroup> Ordered(IEnumerable<QuestionGroup> groups) =>
        [.. groups.OrderByDescending(g => g.Count).ThenBy(g => g.Phrasings[0].Text, StringComparer.Ordinal)];
}

/// <summary>The YAML a content owner pastes into a node's `examples:` (see knowledge/README.md, "Example questions").</summary>
public static class ExamplesSnippet
{
    public static string Write(KnowledgeNode? node, string language, IEnumerable<string> phrasings)
    {
        ArgumentNullException.ThrowIfNull(phrasings);
        var yaml = new StringBuilder();
        if (node is null)
        {
            yaml.Append("# No topic is close to these. A new topic or sub-question, or, if no topic should answer them,\n")
                .Append("# knowledge/out-of-scope.yaml. Check with `validate` after editing.\n");
        }
        else
        {
            var where = node.IsTopic ? "the topic itself" : $"the sub-question `id: {node.Id}` under `nodes:`";
            yaml.Append("# knowledge/").Append(node.TopicId).Append(".yaml, ").Append(where).Append(" (").Append(node.Title.Get(language)).Append(").\n")
                .Append("# Add to its examples (keep the ones there), then check with `validate`.\n");
        }

        yaml.Append("examples:\n  ").Append(language).Append(":\n");
        foreach (var phrasing in phrasings)
        {
            yaml.Append("    - ").Append(Quoted(phrasing)).Append('\n');
        }

        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar: backslash and quote escaped, control characters dropped.</summary>
    public static string Quoted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '"':
                    quoted.Append("\\\"");
                    break;
                case var control when char.IsControl(control):
                    quoted.Append(' ');
                    break;
                default:
                    quoted.Append(c);
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}

/// <summary>Content words of a question for word-overlap grouping: lower case, no small words, English words stemmed as the matcher stems them.</summary>
internal static class Words
{
    private static readonly HashSet<string> Small = new(StringComparer.Ordinal)
    {
        // English
        "the", "and", "for", "are", "was", "were", "what", "who", "whom", "which", "when", "where", "why", "how", "does", "did",
        "can", "could", "should", "would", "will", "must", "with", "about", "from", "this", "that", "these", "those", "there",
        "have", "has", "had", "our", "your", "their", "its", "any", "all", "not", "but", "into", "onto", "than", "then",
        "you", "they", "them", "she", "his", "her", "policy", "nato", "please", "tell", "know", "need", "get",
        // French
        "les", "des", "une", "est", "sont", "que", "qui", "quoi", "quel", "quelle", "quels", "quelles", "comment", "pour",
        "dans", "sur", "avec", "par", "pas", "nous", "vous", "ils", "elles", "leur", "leurs", "cette", "ces", "aux", "du",
        "politique", "otan",
    };

    public static HashSet<string> Of(string text, string language = "en")
    {
        var english = language == LocalizedText.DefaultLanguage;
        var words = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in (text + " ").ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length >= 3 && !Small.Contains(word.ToString()))
            {
                var w = word.ToString();
                words.Add(english ? PolicyBot.Core.Matching.EnglishStemmer.Stem(w) : w.Length > 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w);
            }

            word.Clear();
        }

        return words;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
