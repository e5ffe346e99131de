namespace PolicyBot.Core.Matching;

/// <summary>Bounded edit distances on spans, without allocation.</summary>
internal static class EditDistance
{
    private const int MaxLength = 64;

    /// <summary>
    /// The optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions, no substring edited
    /// twice) between <paramref name="a"/> and <paramref name="b"/>, or <paramref name="limit"/> + 1 once it is
    /// certain to exceed <paramref name="limit"/>.
    /// </summary>
    public static int OptimalStringAlignment(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        if (a.Length > MaxLength || b.Length > MaxLength)
        {
            return a.SequenceEqual(b) ? 0 : limit + 1;
        }

        Span<int> rows = stackalloc int[3 * (MaxLength + 1)];
        var previous2 = rows[..(b.Length + 1)];
        var previous = rows.Slice(MaxLength + 1, b.Length + 1);
        var current = rows.Slice(2 * (MaxLength + 1), b.Length + 1);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
