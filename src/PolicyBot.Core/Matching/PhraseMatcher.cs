namespace PolicyBot.Core.Matching;

/// <summary>Matches a compiled phrase against analysed tokens at one position.</summary>
internal static class PhraseMatcher
{
    /// <summary>
    /// True if <paramref name="terms"/> occur from token <paramref name="start"/>: word for word when
    /// <paramref name="literal"/>, else on content words with function words in between skipped.
    /// <paramref name="end"/> is the index of the last token matched.
    /// </summary>
    public static bool TryMatch(ReadOnlySpan<Token> tokens, int start, int[] terms, bool literal, out int end)
    {
        end = start;
        if (literal)
        {
            if (start + terms.Length > tokens.Length)
            {
                return false;
            }

            for (var k = 0; k < terms.Length; k++)
            {
                if (tokens[start + k].Term != terms[k])
                {
                    return false;
                }
            }

            end = start + terms.Length - 1;
            return true;
        }

        if (tokens[start].IsStop || tokens[start].Term != terms[0])
        {
            return false;
        }

        var position = start;
        for (var k = 1; k < terms.Length; k++)
        {
            position++;
            while (position < tokens.Length && tokens[position].IsStop)
            {
                position++;
            }

            if (position >= tokens.Length || tokens[position].Term != terms[k])
            {
                return false;
            }
        }

        end = position;
        return true;
    }

    /// <summary>
    /// True if every content word of <paramref name="terms"/> occurs within <paramref name="window"/> tokens of
    /// <paramref name="start"/> (which holds the first), in any order and not necessarily adjacent: "children detained"
    /// for "detained children". <paramref name="first"/> and <paramref name="last"/> are the outermost words used;
    /// <paramref name="corrected"/> counts the typo-corrected ones. A phrase that repeats a word is not scattered.
    /// </summary>
    public static bool TryMatchScattered(ReadOnlySpan<Token> tokens, int start, int[] terms, int window, out int first, out int last, out int corrected)
    {
        first = last = start;
        corrected = 0;
        if (terms.Length < 2 || tokens[start].IsStop || tokens[start].Term != terms[0])
        {
            return false;
        }

        corrected = tokens[start].Corrected ? 1 : 0;
        var from = Math.Max(0, start - window);
        var to = Math.Min(tokens.Length - 1, start + window);
        for (var k = 1; k < terms.Length; k++)
        {
            if (Array.IndexOf(terms, terms[k], 0, k) >= 0)
            {
                return false;
            }

            var found = Nearest(tokens, start, from, to, terms[k]);
            if (found < 0)
            {
                return false;
            }

            first = Math.Min(first, found);
            last = Math.Max(last, found);
            corrected += tokens[found].Corrected ? 1 : 0;
        }

        return true;
    }

    private static int Nearest(ReadOnlySpan<Token> tokens, int start, int from, int to, int term)
    {
        for (var distance = 1; start - distance >= from || start + distance <= to; distance++)
        {
            if (start - distance >= from && !tokens[start - distance].IsStop && tokens[start - distance].Term == term)
            {
                return start - distance;
            }

            if (start + distance <= to && !tokens[start + distance].IsStop && tokens[start + distance].Term == term)
            {
                return start + distance;
            }
        }

        return -1;
    }

    public static bool AnyCorrected(ReadOnlySpan<Token> tokens, int start, int end)
    {
        for (var i = start; i <= end; i++)
        {
            if (tokens[i].Corrected)
            {
                return true;
            }
        }

        return false;
    }

    public static int CountCorrected(ReadOnlySpan<Token> tokens, int start, int end)
    {
        var count = 0;
        for (var i = start; i <= end; i++)
        {
            count += tokens[i].Corrected && !tokens[i].IsStop ? 1 : 0;
        }

        return count;
    }
}
