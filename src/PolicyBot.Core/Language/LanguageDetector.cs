using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Language;

/// <summary>
/// Tells whether a message is clearly English or clearly French, from the words themselves: each language's
/// function words ("the", "which", "qui", "quelle"), the words of each language's keywords, synonyms and facet cues
/// in the knowledge base that the other language does not use, accented letters and French elisions ("l'", "qu’").
/// Local and deterministic: no cloud service. A message with too little evidence ("1", "merci", "more", "PoC?") is
/// not clear, so the conversation keeps its language.
/// </summary>
public sealed class LanguageDetector
{
    /// <summary>Signals a message needs for its language to count as clear.</summary>
    public const int MinimumSignals = 2;

    private static readonly ConditionalWeakTable<KnowledgeBase, LanguageDetector> Cache = [];

    // Words that are frequent in one language and rare in the other; words both use ("a", "on", "plan", "en" in
    // English compounds) are left out so they count for neither.
    private static readonly string[] EnglishFunctionWords =
    [
        "the", "an", "and", "or", "is", "are", "was", "were", "be", "been", "what", "which", "who", "whom", "whose",
        "how", "why", "when", "where", "does", "do", "did", "of", "to", "in", "for", "with", "this", "that", "these",
        "those", "it", "its", "we", "you", "they", "our", "your", "their", "there", "about", "from", "by", "at", "any",
        "can", "could", "should", "must", "would", "will", "have", "has", "had", "not", "no", "if", "than", "then",
        "say", "says", "tell", "my", "i", "us", "apply", "applies", "policy", "policies", "please", "thanks",
        "still", "adopted", "whats", "latest", "new", "changed", "since", "who's", "i'm",
    ];

    private static readonly string[] FrenchFunctionWords =
    [
        "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "est", "sont", "etait", "qui", "que", "quoi",
        "quel", "quelle", "quels", "quelles", "comment", "pourquoi", "quand", "au", "aux", "pour", "dans", "sur",
        "avec", "sans", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "nous", "vous", "notre",
        "nos", "votre", "vos", "leur", "leurs", "y", "ne", "pas", "plus", "par", "entre", "selon", "depuis", "doit",
        "doivent", "peut", "peuvent", "faut", "faire", "fait", "dit", "dire", "s'applique", "applique", "politique",
        "politiques", "concerne", "adoptee", "adopte", "vigueur", "toujours", "lien", "liens", "textes", "merci",
        "bonjour", "svp", "oui", "non", "je", "j", "mon", "ma", "mes", "moi", "quoi", "aupres", "chez", "lors",
        "mais", "donc", "si", "tous", "tout", "toute", "toutes", "encore", "aussi", "nouveau", "nouvelle",
        "changements", "quest", "cest", "estce",
    ];


    private const int MaxWordLength = 64;

    private static readonly SearchValues<char> Apostrophes = SearchValues.Create("'’");

    private readonly FrozenSet<string> _english;
    private readonly FrozenSet<string> _french;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _englishLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _frenchLookup;

    private LanguageDetector(IEnumerable<string> englishWords, IEnumerable<string> frenchWords)
    {
        var english = new HashSet<string>(EnglishFunctionWords.Select(Fold), StringComparer.Ordinal);
        var french = new HashSet<string>(FrenchFunctionWords.Select(Fold), StringComparer.Ordinal);
        var englishVocabulary = englishWords.SelectMany(Words).ToHashSet(StringComparer.Ordinal);
        var frenchVocabulary = frenchWords.SelectMany(Words).ToHashSet(StringComparer.Ordinal);

        // A content word counts only for the language that alone uses it ("civilians" vs "civils"; not "violence").
        english.UnionWith(englishVocabulary.Where(w => w.Length > 2 && !frenchVocabulary.Contains(w)));
        french.UnionWith(frenchVocabulary.Where(w => w.Length > 2 && !englishVocabulary.Contains(w)));
        var shared = english.Intersect(french).ToList();
        english.ExceptWith(shared);
        french.ExceptWith(shared);
        _english = english.ToFrozenSet(StringComparer.Ordinal);
        _french = french.ToFrozenSet(StringComparer.Ordinal);
        _englishLookup = _english.GetAlternateLookup<ReadOnlySpan<char>>();
        _frenchLookup = _french.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A detector that knows only the two languages' function words (no knowledge loaded).</summary>
    public static LanguageDetector FunctionWordsOnly { get; } = new([], []);

    /// <summary>The detector for a knowledge snapshot: its vocabularies are built once per snapshot.</summary>
    public static LanguageDetector For(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return Cache.GetValue(knowledge, k => new LanguageDetector(Vocabulary(k, Languages.English), Vocabulary(k, Languages.French)));
    }

    /// <summary>"en" or "fr" when the message is clearly in that language, else null (too short or mixed).</summary>
    public string? Detect(string? text)
    {
        var (english, french) = Count(text);
        if (french >= MinimumSignals && french > english * 2)
        {
            return Languages.French;
        }

        if (english >= MinimumSignals && english > french * 2)
        {
            return Languages.English;
        }

        return null;
    }

    /// <summary>The English and French signals in <paramref name="text"/> (for tests and the CLI's explanations).</summary>
    public (int English, int French) Count(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (0, 0);
        }

        // Every turn asks: spans over one lower-cased copy, no string per word.
        var lower = text.Length <= 256 ? stackalloc char[256] : new char[text.Length];
        lower = lower[..text.AsSpan().ToLowerInvariant(lower)];
        Span<char> folded = stackalloc char[MaxWordLength * 2];
        var counts = (English: 0, French: 0);
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var inWord = i < lower.Length && (char.IsLetterOrDigit(lower[i]) || (IsApostrophe(lower[i]) && start >= 0));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                CountWord(lower[start..i].TrimEnd("'’"), folded, ref counts);
                start = -1;
            }
        }

        return counts;
    }

    private void CountWord(ReadOnlySpan<char> word, Span<char> folded, ref (int English, int French) counts)
    {
        var apostrophe = word.IndexOfAny(Apostrophes);
        if (apostrophe > 0 && apostrophe < word.Length - 1 && TextNormalizer.IsFrenchElision(word[..apostrophe]))
        {
            // "l'otan", "qu’elle": an elision is French; the word after it is counted on its own.
            counts.French++;
            word = word[(apostrophe + 1)..];
        }

        if (word.IndexOfAny(FrenchAccents) >= 0)
        {
            counts.French++;
        }

        if (word.Length > MaxWordLength)
        {
            return;
        }

        var key = folded[..Fold(word, folded)];
        if (_englishLookup.Contains(key))
        {
            counts.English++;
        }
        else if (_frenchLookup.Contains(key))
        {
            counts.French++;
        }
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’';

    private static IEnumerable<string> Vocabulary(KnowledgeBase knowledge, string language)
    {
        foreach (var node in knowledge.NodesById.Values)
        {
            foreach (var keyword in node.Keywords.Where(k => k.Language == language))
            {
                yield return keyword.Term;
            }
        }

        foreach (var facet in knowledge.Facets)
        {
            foreach (var cue in facet.Keywords.Where(k => k.Language == language))
            {
                yield return cue.Term;
            }
        }

        foreach (var group in knowledge.Synonyms.Where(g => g.Language == language))
        {
            yield return group.Canonical;
            foreach (var variant in group.Variants)
            {
                yield return variant;
            }
        }
    }

    private static IEnumerable<string> Words(string text) =>
        RawWords(text).Where(w => !IsAcronym(w)).Select(w => Fold(w.ToLowerInvariant())).Where(w => w.Length > 0 && !w.Any(char.IsDigit));

    // Acronyms (PoC, CRSV, PdC) are shared across the languages: a French question may say "la politique PoC".
    private static bool IsAcronym(string word) => word.Length <= 5 && word.All(char.IsLetter) && word.Count(char.IsUpper) >= 2;

    private static IEnumerable<string> RawWords(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || ((text[i] == '\'' || text[i] == '’') && start >= 0));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].Trim('\'', '’');
                start = -1;
            }
        }
    }

    private static readonly SearchValues<char> FrenchAccents = SearchValues.Create("éèêëàâçùûôîïœ");

    private static string Fold(string word)
    {
        Span<char> folded = word.Length <= 64 ? stackalloc char[128] : new char[word.Length * 2];
        return new string(folded[..Fold(word, folded)]);
    }

    /// <summary>
    /// Writes <paramref name="word"/> with its accents folded as the matcher folds them ("é" → "e", "œ" → "oe") and
    /// without apostrophes ("aujourd'hui", "don't") into <paramref name="folded"/> (twice the word's length); returns its length.
    /// </summary>
    private static int Fold(ReadOnlySpan<char> word, Span<char> folded)
    {
        var length = TextNormalizer.Fold(word, folded);
        var kept = 0;
        for (var i = 0; i < length; i++)
        {
            if (!IsApostrophe(folded[i]))
            {
                folded[kept++] = folded[i];
            }
        }

        return kept;
    }
}
