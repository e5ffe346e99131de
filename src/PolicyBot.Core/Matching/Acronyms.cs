namespace PolicyBot.Core.Matching;

/// <summary>
/// Acronyms as the content writes them ("PoC", "CRSV", "CR-SGBV", "PdC", "UNSCR"): a word of two to ten letters or
/// digits with at least two capitals and no two lower-case letters in a row. Once lower-cased they look like words,
/// so the content's own spelling is where they are recognised.
/// </summary>
internal static class Acronyms
{
    private const int MaxLength = 10;

    /// <summary>The acronyms in <paramref name="texts"/>, as the normaliser writes them (lower-case, folded).</summary>
    public static IEnumerable<string> In(IEnumerable<string> texts) =>
        texts.SelectMany(Pieces).Where(IsAcronym).Select(p => TextNormalizer.Fold(p.ToLowerInvariant())).Distinct(StringComparer.Ordinal);

    /// <summary>True for a phrase made only of acronyms and numbers, with at least one acronym ("PoC", "UNSCR 1325", "CR-SGBV").</summary>
    public static bool IsAcronymPhrase(string text)
    {
        var pieces = Pieces(text).ToList();
        return pieces.Count > 0 && pieces.Any(IsAcronym) && pieces.All(p => IsAcronym(p) || p.All(char.IsAsciiDigit));
    }

    public static bool IsAcronym(string word)
    {
        if (word.Length is < 2 or > MaxLength || !word.All(char.IsLetterOrDigit))
        {
            return false;
        }

        var capitals = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]))
            {
                capitals++;
            }
            else if (i > 0 && char.IsLower(word[i]) && char.IsLower(word[i - 1]))
            {
                return false;
            }
        }

        return capitals >= 2;
    }

    /// <summary>The runs of letters and digits of a text (what the normaliser makes words of).</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
