using System.Collections.Frozen;
using PolicyBot.Core.Language;

namespace PolicyBot.Core.Matching;

/// <summary>
/// How one language turns a word of normalised text (<see cref="TextNormalizer"/>) into what the matcher compares:
/// its folded form, which function words and typo tolerance look at, and its stem, which is its term. The index of a
/// language and the questions matched on it go through the same analyser, so a keyword and a question meet whenever
/// their words have the same stems.
/// </summary>
internal abstract class WordAnalyzer
{
    /// <summary>The language's code (<see cref="Languages"/>): also which rules <see cref="TextNormalizer"/> applies.</summary>
    public abstract string Language { get; }

    /// <summary>Function words, folded: skipped inside content phrases, matched word for word in literal ones.</summary>
    public abstract FrozenSet<string> StopWords { get; }

    /// <summary>Words any question to the bot may carry ("NATO", "policy"): neither evidence nor unexplained.</summary>
    public abstract IReadOnlyList<string> NeutralWords { get; }

    /// <summary>
    /// Analyses one word of normalised text (at most <see cref="MatcherIndex.MaxTokenLength"/> characters) using
    /// <paramref name="folded"/> and <paramref name="stem"/> (each at least twice that) as working space; the result
    /// points into them (or into <paramref name="word"/>) until the next call.
    /// </summary>
    public abstract AnalyzedWord Analyze(ReadOnlySpan<char> word, char[] folded, char[] stem);

    /// <summary>The analyser for matching in <paramref name="language"/> (English for a language the matcher does not know).</summary>
    public static WordAnalyzer For(string language, IEnumerable<string> acronyms) =>
        language == Languages.French ? new FrenchAnalyzer(acronyms) : EnglishAnalyzer.Instance;
}

/// <summary>What <see cref="WordAnalyzer.Analyze"/> made of a word.</summary>
internal readonly ref struct AnalyzedWord(ReadOnlySpan<char> folded, ReadOnlySpan<char> stem, bool exact)
{
    /// <summary>The word with its accents folded: what stop-word lists and typo tolerance see.</summary>
    public ReadOnlySpan<char> Folded { get; } = folded;

    /// <summary>The word's stem: its term in the index.</summary>
    public ReadOnlySpan<char> Stem { get; } = stem;

    /// <summary>A word whose accent or form is its meaning ("traité"): no misspelling is corrected to it.</summary>
    public bool Exact { get; } = exact;
}

/// <summary>English: the normaliser has folded accents already; Porter2 stems (<see cref="EnglishStemmer"/>).</summary>
internal sealed class EnglishAnalyzer : WordAnalyzer
{
    public static EnglishAnalyzer Instance { get; } = new();

    public override string Language => Languages.English;

    public override FrozenSet<string> StopWords => EnglishLexicon.StopWords;

    public override IReadOnlyList<string> NeutralWords => EnglishLexicon.NeutralWords;

    public override AnalyzedWord Analyze(ReadOnlySpan<char> word, char[] folded, char[] stem)
    {
        word.CopyTo(stem);
        var length = EnglishStemmer.Stem(stem.AsSpan(0, word.Length));
        return new AnalyzedWord(word, stem.AsSpan(0, length), exact: false);
    }
}
