namespace PolicyBot.Core.Matching;

/// <summary>
/// Finds the index word a misspelt token was meant to be, within a bounded Damerau-Levenshtein distance
/// (optimal string alignment): 1 for tokens of 5-8 letters, 2 for 9 or more; never for shorter tokens or tokens
/// with digits. A symmetric-delete index (the idea of SymSpell) keeps a lookup independent of the vocabulary's
/// size: every word is filed under the hashes of its variants with letters deleted, and a token looks up its own
/// variants, then verifies each candidate with the real distance. Allocation-free per lookup.
/// </summary>
internal sealed class TypoIndex
{
    public const int MinimumTokenLength = 5;
    private const int MaxWordLength = 32;

    /// <summary>(variant hash &lt;&lt; 32 | word index), sorted: 8 bytes per variant, found by binary search.</summary>
    private readonly ulong[] _entries;
    private readonly string[] _words;
    private readonly int[] _wordTerm;

    private TypoIndex(ulong[] entries, string[] words, int[] wordTerm)
    {
        _entries = entries;
        _words = words;
        _wordTerm = wordTerm;
    }

    public int WordCount => _words.Length;

    /// <summary>The maximum distance tolerated for a token of <paramref name="length"/> letters (0: none).</summary>
    public static int AllowedDistance(int length) => length switch
    {
        < MinimumTokenLength => 0,
        <= 8 => 1,
        <= MaxWordLength => 2,
        _ => 0,
    };

    /// <summary>Builds the index from (word, term id) pairs; words that could never be a correction are skipped.</summary>
    public static TypoIndex Build(IEnumerable<KeyValuePair<string, int>> words)
    {
        var kept = words
            .Where(w => w.Key.Length is >= MinimumTokenLength - 1 and <= MaxWordLength && w.Key.All(char.IsAsciiLetterLower))
            .DistinctBy(w => w.Key, StringComparer.Ordinal)
            .OrderBy(w => w.Value)
            .ThenBy(w => w.Key, StringComparer.Ordinal)
            .ToArray();
        var entries = new List<ulong>();
        var buffer = new char[MaxWordLength * 2];
        for (var w = 0; w < kept.Length; w++)
        {
            var word = kept[w].Key.AsSpan();
            // Deletions needed on the word's side: a word meets a token of 9+ letters (two edits allowed) through
            // deletions of its own only if it is that long itself; shorter words meet it by the token's deletions.
            var depth = word.Length >= 9 ? 2 : 1;
            AddDeletions(word, depth, buffer, (uint)w, entries);
        }

        entries.Sort();
        var unique = new List<ulong>(entries.Count);
        foreach (var entry in entries)
        {
            if (unique.Count == 0 || unique[^1] != entry)
            {
                unique.Add(entry);
            }
        }

        return new TypoIndex([.. unique], kept.Select(k => k.Key).ToArray(), kept.Select(k => k.Value).ToArray());
    }

    /// <summary>The term id of the closest index word within the allowed distance, or -1. Ties go to the lower term id.</summary>
    public int Find(ReadOnlySpan<char> token)
    {
        var allowed = AllowedDistance(token.Length);
        if (allowed == 0 || !IsLowerAsciiWord(token))
        {
            return -1;
        }

        Span<char> buffer = stackalloc char[MaxWordLength * 2];
        var best = new Best(-1, int.MaxValue);
        Consider(token, token, allowed, ref best);
        for (var i = 0; i < token.Length; i++)
        {
            var once = Delete(token, i, buffer[..MaxWordLength]);
            Consider(once, token, allowed, ref best);
            if (allowed < 2)
            {
                continue;
            }

            var twice = buffer[MaxWordLength..];
            for (var j = i; j < once.Length; j++)
            {
                Consider(Delete(once, j, twice), token, allowed, ref best);
            }
        }

        return best.Word < 0 ? -1 : _wordTerm[best.Word];
    }

    private void Consider(ReadOnlySpan<char> variant, ReadOnlySpan<char> token, int allowed, ref Best best)
    {
        var hash = (ulong)(uint)string.GetHashCode(variant) << 32;
        var entry = LowerBound(hash);
        for (; entry < _entries.Length && (_entries[entry] & 0xFFFF_FFFF_0000_0000UL) == hash; entry++)
        {
            var word = (int)(uint)_entries[entry];
            var candidate = _words[word].AsSpan();
            if (Math.Abs(candidate.Length - token.Length) > allowed)
            {
                continue;
            }

            var distance = EditDistance.OptimalStringAlignment(token, candidate, allowed);
            if (distance <= allowed && (distance < best.Distance || (distance == best.Distance && _wordTerm[word] < _wordTerm[best.Word])))
            {
                best = new Best(word, distance);
            }
        }
    }

    private int LowerBound(ulong value)
    {
        int low = 0, high = _entries.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_entries[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static ReadOnlySpan<char> Delete(ReadOnlySpan<char> source, int index, Span<char> buffer)
    {
        source[..index].CopyTo(buffer);
        source[(index + 1)..].CopyTo(buffer[index..]);
        return buffer[..(source.Length - 1)];
    }

    private static void AddDeletions(ReadOnlySpan<char> word, int depth, char[] buffer, uint wordIndex, List<ulong> entries)
    {
        entries.Add(Entry(word, wordIndex));
        var twice = buffer.AsSpan(MaxWordLength);
        for (var i = 0; i < word.Length; i++)
        {
            var once = Delete(word, i, buffer.AsSpan(0, MaxWordLength));
            entries.Add(Entry(once, wordIndex));
            if (depth < 2)
            {
                continue;
            }

            for (var j = i; j < once.Length; j++)
            {
                entries.Add(Entry(Delete(once, j, twice), wordIndex));
            }
        }
    }

    private static ulong Entry(ReadOnlySpan<char> variant, uint wordIndex) => ((ulong)(uint)string.GetHashCode(variant) << 32) | wordIndex;

    private static bool IsLowerAsciiWord(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Best(int Word, int Distance);
}
