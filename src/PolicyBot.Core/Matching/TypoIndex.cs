namespace PolicyBot.Core.Matching;

/// <summary>
/// Finds the index word a misspelt token was meant to be, within a bounded Damerau-Levenshtein distance
/// (optimal string alignment): 1 for tokens of 5-8 letters, 2 for 9 or more; never for shorter tokens or tokens
/// with digits. A symmetric-delete index (the idea of SymSpell) keeps a lookup independent of the vocabulary's
/// size: every word is filed under the hashes of its variants with up to two letters deleted, and a token looks
/// up its own variants, then verifies each candidate with the real distance. Allocation-free per lookup.
/// </summary>
internal sealed class TypoIndex
{
    public const int MinimumTokenLength = 5;
    private const int MaxWordLength = 32;

    private readonly Dictionary<int, int> _firstEntryByHash;
    private readonly int[] _nextEntry;
    private readonly int[] _entryWord;
    private readonly string[] _words;
    private readonly int[] _wordTerm;

    private TypoIndex(Dictionary<int, int> firstEntryByHash, int[] nextEntry, int[] entryWord, string[] words, int[] wordTerm)
    {
        _firstEntryByHash = firstEntryByHash;
        _nextEntry = nextEntry;
        _entryWord = entryWord;
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
        var firstEntry = new Dictionary<int, int>();
        var next = new List<int>();
        var entryWord = new List<int>();
        var seen = new HashSet<int>();
        var buffer = new char[MaxWordLength * 2];
        for (var w = 0; w < kept.Length; w++)
        {
            var word = kept[w].Key.AsSpan();
            seen.Clear();
            // A word of 7+ letters may be the correction of a 9-letter token, which is allowed two edits.
            var depth = word.Length >= 7 ? 2 : 1;
            ForEachDeletion(word, depth, buffer, hash =>
            {
                if (seen.Add(hash))
                {
                    next.Add(firstEntry.TryGetValue(hash, out var head) ? head : -1);
                    entryWord.Add(w);
                    firstEntry[hash] = next.Count - 1;
                }
            });
        }

        return new TypoIndex(firstEntry, [.. next], [.. entryWord], kept.Select(k => k.Key).ToArray(), kept.Select(k => k.Value).ToArray());
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
        FindVariants(token, allowed, buffer, ref best);
        return best.Word < 0 ? -1 : _wordTerm[best.Word];
    }

    private void FindVariants(ReadOnlySpan<char> token, int allowed, Span<char> buffer, ref Best best)
    {
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
    }

    private void Consider(ReadOnlySpan<char> variant, ReadOnlySpan<char> token, int allowed, ref Best best)
    {
        if (!_firstEntryByHash.TryGetValue(string.GetHashCode(variant), out var entry))
        {
            return;
        }

        for (; entry >= 0; entry = _nextEntry[entry])
        {
            var word = _entryWord[entry];
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

    private static ReadOnlySpan<char> Delete(ReadOnlySpan<char> source, int index, Span<char> buffer)
    {
        source[..index].CopyTo(buffer);
        source[(index + 1)..].CopyTo(buffer[index..]);
        return buffer[..(source.Length - 1)];
    }

    private static void ForEachDeletion(ReadOnlySpan<char> word, int depth, char[] buffer, Action<int> add)
    {
        add(string.GetHashCode(word));
        var twice = buffer.AsSpan(MaxWordLength);
        for (var i = 0; i < word.Length; i++)
        {
            var once = Delete(word, i, buffer.AsSpan(0, MaxWordLength));
            add(string.GetHashCode(once));
            if (depth < 2)
            {
                continue;
            }

            for (var j = i; j < once.Length; j++)
            {
                add(string.GetHashCode(Delete(once, j, twice)));
            }
        }
    }

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
