using System.Collections.Frozen;
using Lucene.Net.Analysis.Fr;
using PolicyBot.Core.Language;

namespace PolicyBot.Core.Matching;

/// <summary>
/// French: a word arrives with its accents (the normaliser keeps them and has dropped elisions such as "l'" and
/// "qu’"); a few words whose accent or ending is their meaning get their own stem (<see cref="FrenchLexicon.ProtectedStems"/>:
/// "traite" trafficking, "traité" treaty, "traitement" treatment), every other word is folded ("sécurité" →
/// "securite", so unaccented typing meets accented keywords) and stemmed by Lucene's French light stemmer (Savoy's
/// UniNE algorithm), except numbers and the content's acronyms ("UNSCR", "CAAFAG"), which stay as they are.
/// Allocation-free: the light stemmer works in place on the caller's buffer.
/// </summary>
internal sealed class FrenchAnalyzer : WordAnalyzer
{
    // Stateless: one instance serves every thread.
    private static readonly FrenchLightStemmer Light = new();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Protected =
        FrenchLexicon.ProtectedStems.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _acronyms;

    /// <param name="acronyms">The acronyms of the content, folded lower-case ("unscr", "pdc"): never stemmed.</param>
    public FrenchAnalyzer(IEnumerable<string> acronyms)
    {
        ArgumentNullException.ThrowIfNull(acronyms);
        _acronyms = acronyms.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override string Language => Languages.French;

    public override FrozenSet<string> StopWords => FrenchLexicon.StopWords;

    public override IReadOnlyList<string> NeutralWords => FrenchLexicon.NeutralWords;

    public override AnalyzedWord Analyze(ReadOnlySpan<char> word, char[] folded, char[] stem)
    {
        var foldedLength = TextNormalizer.Fold(word, folded);
        var plain = folded.AsSpan(0, foldedLength);
        if (Protected.TryGetValue(word, out var own))
        {
            own.CopyTo(stem);
            return new AnalyzedWord(plain, stem.AsSpan(0, own.Length), exact: true);
        }

        plain.CopyTo(stem);
        if (HasDigit(plain) || _acronyms.Contains(plain))
        {
            return new AnalyzedWord(plain, stem.AsSpan(0, foldedLength), exact: false);
        }

        // "UNSCRs": an acronym's plural is the acronym.
        if (foldedLength > 2 && plain[^1] == 's' && _acronyms.Contains(plain[..^1]))
        {
            return new AnalyzedWord(plain, stem.AsSpan(0, foldedLength - 1), exact: false);
        }

        var length = Light.Stem(stem, foldedLength);
        return new AnalyzedWord(plain, stem.AsSpan(0, length), exact: false);
    }

    // A plain loop: span.ContainsAnyInRange allocated on every call in measurements here.
    private static bool HasDigit(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
