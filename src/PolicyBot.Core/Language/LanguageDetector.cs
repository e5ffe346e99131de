using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using PolicyBot.Core.Knowledge;

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

    // French words that lose an apostrophe-marked elision ("l'OTAN", "qu’elle", "jusqu'à").
    private static readonly string[] FrenchElisions = ["l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu"];

    private readonly FrozenSet<string> _english;
    private readonly FrozenSet<string> _french;

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

        int english = 0, french = 0;
        foreach (var raw in RawWords(text))
        {
            var lower = raw.ToLowerInvariant();
            var apostrophe = lower.IndexOfAny(['\'', '’']);
            if (apostrophe > 0 && FrenchElisions.Contains(Fold(lower[..apostrophe])) && apostrophe < lower.Length - 1)
            {
                // "l'otan", "qu’elle": an elision is French; the word after it is counted on its own.
                french++;
                lower = lower[(apostrophe + 1)..];
            }

            if (HasFrenchAccent(lower))
            {
                french++;
            }

            var word = Fold(lower.Replace("'", string.Empty, StringComparison.Ordinal).Replace("’", string.Empty, StringComparison.Ordinal));
            if (_english.Contains(word))
            {
                english++;
            }
            else if (_french.Contains(word))
            {
                french++;
            }
        }

        return (english, french);
    }

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

    private static bool HasFrenchAccent(string word) => word.AsSpan().IndexOfAny(FrenchAccents) >= 0;

    private static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c == 'œ' ? "oe" : c.ToString());
            }
        }

        return builder.ToString();
    }
}
