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
