using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Meaning;

/// <summary>A question glossed in English, and how much of it the glossary knew.</summary>
/// <param name="English">The glosses, in the question's order; words the glossary lacks are kept as typed.</param>
/// <param name="ContentWords">The question's words other than function words.</param>
/// <param name="GlossedWords">Those of them the glossary knew.</param>
public sealed record GlossedQuestion(string English, int ContentWords, int GlossedWords)
{
    /// <summary>The share of content words the glossary knew (0 for a question of function words only).</summary>
    public double Coverage => ContentWords == 0 ? 0 : (double)GlossedWords / ContentWords;
}

/// <summary>
/// Reads a question in another language word by word in English, through the content's glossary, so the English
/// meaning stage can weigh it: « un adolescent armé au point de contrôle » → "teenager armed checkpoint". Words
/// and glossary entries are compared as the keyword tree compares them (accents folded, elisions dropped, light
/// stemming), the longest phrase first; function words are dropped. It is a gloss, not a translation: the model
/// needs the content words, not the grammar.
/// </summary>
public sealed class QuestionGloss
{
    private static readonly ConditionalWeakTable<KnowledgeBase, ConcurrentDictionary<string, QuestionGloss?>> Cache = new();

    private readonly WordAnalyzer _analyzer;
    private readonly FrozenDictionary<string, string> _exact;
    private readonly FrozenDictionary<string, string> _stemmed;
    private readonly int _longestPhrase;

    private QuestionGloss(string language, IEnumerable<GlossaryEntry> entries)
    {
        _analyzer = WordAnalyzer.For(language, []);
        var exact = new Dictionary<string, string>(StringComparer.Ordinal);
        var stemmed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var words = ContentStems(entry.Text);
            if (words.Count > 0)
            {
                // The exact word first, so "violation" can have an entry of its own beside "viol", its stem-mate;
                // between two entries of one stem, the first in the file glosses the other forms.
                exact.TryAdd(ExactKey(words), entry.English);
                stemmed.TryAdd(StemKey(words), entry.English);
                _longestPhrase = Math.Max(_longestPhrase, words.Count);
            }
        }

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _stemmed = stemmed.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The number of glossed words and phrases.</summary>
    public int Count => _exact.Count;

    /// <summary>The gloss of <paramref name="knowledge"/>'s glossary for <paramref name="language"/>; null for English or without entries.</summary>
    public static QuestionGloss? For(KnowledgeBase knowledge, string language)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        if (language == Languages.English)
        {
            return null;
        }

        return Cache.GetValue(knowledge, _ => new ConcurrentDictionary<string, QuestionGloss?>(StringComparer.Ordinal))
            .GetOrAdd(language, (lang, glossary) =>
            {
                var entries = glossary.Where(e => e.Language == lang).ToList();
                return entries.Count == 0 ? null : new QuestionGloss(lang, entries);
            }, knowledge.Glossary);
    }

    public GlossedQuestion Gloss(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var words = ContentStems(question);
        var english = new List<string>(words.Count);
        var glossed = 0;
        for (var i = 0; i < words.Count;)
        {
            var matched = 0;
            for (var length = Math.Min(_longestPhrase, words.Count - i); length > 0 && matched == 0; length--)
            {
                if (TryGloss(words.GetRange(i, length), out var gloss))
                {
                    english.Add(gloss);
                    matched = length;
                }
            }

            if (matched == 0)
            {
                var verb = VerbGloss(words[i].Folded);
                english.Add(verb ?? words[i].Folded);
                glossed += verb is null ? 0 : 1;
                i++;
            }
            else
            {
                glossed += matched;
                i += matched;
            }
        }

        return new GlossedQuestion(string.Join(' ', english), words.Count, glossed);
    }

    /// <summary>
    /// A conjugated verb the light stemmer leaves as it is ("bloquent", "signalons", "recrutaient"): its infinitive's
    /// gloss, so the glossary lists verbs once, as infinitives.
    /// </summary>
    private string? VerbGloss(string folded)
    {
        foreach (var ending in VerbEndings)
        {
            if (folded.Length - ending.Length < 3 || !folded.EndsWith(ending, StringComparison.Ordinal))
            {
                continue;
            }

            var root = folded[..^ending.Length];
            foreach (var infinitive in Infinitives)
            {
                var candidate = ContentStems(root + infinitive);
                if (candidate.Count == 1 && TryGloss(candidate, out var gloss))
                {
                    return gloss;
                }
            }
        }

        return null;
    }

    // Longest first: "aient" before "ent", "erait" before "ait".
    private static readonly string[] VerbEndings = ["eraient", "erions", "eriez", "erait", "erons", "eront", "aient", "issent", "issons", "issez", "ions", "iez", "ent", "ons", "ez", "ait", "ais", "era", "ant"];

    private static readonly string[] Infinitives = ["er", "ir", "re"];

    /// <summary>The gloss of a phrase (one word or more): its exact words' entry, else its stems'.</summary>
    private bool TryGloss(List<(string Folded, string Stem)> phrase, out string gloss) =>
        _exact.TryGetValue(ExactKey(phrase), out gloss!) || _stemmed.TryGetValue(StemKey(phrase), out gloss!);

    private static string ExactKey(List<(string Folded, string Stem)> phrase) => string.Join(' ', phrase.Select(w => w.Folded));

    private static string StemKey(List<(string Folded, string Stem)> phrase) => string.Join(' ', phrase.Select(w => w.Stem));

    /// <summary>The words of <paramref name="text"/> other than function words, folded and stemmed.</summary>
    private List<(string Folded, string Stem)> ContentStems(string text)
    {
        var normalized = TextNormalizer.Normalize(text, _analyzer.Language);
        var result = new List<(string, string)>();
        foreach (var word in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var folded = new char[TextNormalizer.BufferSize(word.Length)];
            var stem = new char[TextNormalizer.BufferSize(word.Length)];
            var analyzed = _analyzer.Analyze(word, folded, stem);
            var plain = analyzed.Folded.ToString();
            if (!_analyzer.StopWords.Contains(plain))
            {
                result.Add((plain, analyzed.Stem.ToString()));
            }
        }

        return result;
    }
}
