namespace PolicyBot.Core.Matching;

/// <summary>
/// The Porter2 ("English") stemmer of the Snowball project, working in place on a span of lower-case ASCII
/// letters so a match allocates nothing. Before stemming, British "-ise/-yse" spellings are turned into
/// "-ize/-yze" ("organised" and "organized" meet). Tokens with digits or non-ASCII letters are left as they are.
/// </summary>
internal static class EnglishStemmer
{
    /// <summary>Stems <paramref name="word"/> in place and returns the stem's length (never longer than the word).</summary>
    public static int Stem(Span<char> word)
    {
        var length = word.Length;
        if (length <= 2 || !IsAsciiLetters(word))
        {
            return length;
        }

        AmericanizeSpelling(word, length);
        return Porter2(word);
    }

    /// <summary>
    /// The Porter2 algorithm alone, as the Snowball reference implementation computes it, on a word of three or more
    /// lower-case ASCII letters: stems it in place and returns the stem's length.
    /// </summary>
    internal static int Porter2(Span<char> word)
    {
        var length = word.Length;
        if (TryException1(word, ref length))
        {
            return length;
        }

        var w = word[..length];
        if (w[0] == 'y')
        {
            w[0] = 'Y';
        }

        for (var i = 1; i < length; i++)
        {
            if (w[i] == 'y' && IsVowel(w[i - 1]))
            {
                w[i] = 'Y';
            }
        }

        var r1 = RegionOne(w, length);
        var r2 = NextRegion(w, length, r1);

        length = Step1A(w, length);
        if (IsException2(w[..length]))
        {
            return Finish(w, length);
        }

        length = Step1B(w, length, r1);
        length = Step1C(w, length);
        length = Step2(w, length, r1);
        length = Step3(w, length, r1, r2);
        length = Step4(w, length, r2);
        length = Step5(w, length, r1, r2);
        return Finish(w, length);
    }

    /// <summary>Convenience for building the index: stems a whole string.</summary>
    public static string Stem(string word)
    {
        var buffer = word.ToCharArray();
        var length = Stem(buffer.AsSpan());
        return new string(buffer, 0, length);
    }

    private static int Finish(Span<char> w, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (w[i] == 'Y')
            {
                w[i] = 'y';
            }
        }

        return length;
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static readonly string[] BritishEndings =
        ["isations", "isation", "ising", "isers", "ised", "ises", "iser", "ise", "ysing", "ysed", "yses", "yse"];

    /// <summary>organise/organize, analyse/analyze: one spelling, so British and American texts stem alike (the length stays).</summary>
    private static void AmericanizeSpelling(Span<char> w, int length)
    {
        foreach (var ending in BritishEndings)
        {
            if (EndsWith(w, length, ending))
            {
                var s = length - ending.Length + 1;
                // "rise", "wise", "raise": too short a base to be the -ise suffix.
                if (s - 1 >= 3)
                {
                    w[s] = 'z';
                }

                return;
            }
        }
    }

    private static bool TryException1(Span<char> w, ref int length)
    {
        ReadOnlySpan<char> word = w[..length];
        string? replacement = word switch
        {
            "skis" => "ski",
            "skies" => "sky",
            "dying" => "die",
            "lying" => "lie",
            "tying" => "tie",
            "idly" => "idl",
            "gently" => "gentl",
            "ugly" => "ugli",
            "early" => "earli",
            "only" => "onli",
            "singly" => "singl",
            "sky" or "news" or "howe" or "atlas" or "cosmos" or "bias" or "andes" => word.ToString(),
            _ => null,
        };
        if (replacement is null)
        {
            return false;
        }

        replacement.AsSpan().CopyTo(w);
        length = replacement.Length;
        return true;
    }

    private static bool IsException2(ReadOnlySpan<char> word) =>
        word is "inning" or "outing" or "canning" or "herring" or "earring" or "proceed" or "exceed" or "succeed";

    private static int RegionOne(ReadOnlySpan<char> w, int length)
    {
        ReadOnlySpan<char> word = w[..length];
        if (word.StartsWith("gener") || word.StartsWith("arsen"))
        {
            return 5;
        }

        if (word.StartsWith("commun"))
        {
            return 6;
        }

        return NextRegion(w, length, 0);
    }

    /// <summary>The position after the first non-vowel that follows a vowel, searching from <paramref name="from"/>.</summary>
    private static int NextRegion(ReadOnlySpan<char> w, int length, int from)
    {
        for (var i = from + 1; i < length; i++)
        {
            if (!IsVowel(w[i]) && IsVowel(w[i - 1]))
            {
                return i + 1;
            }
        }

        return length;
    }

    private static bool EndsWith(ReadOnlySpan<char> w, int length, string suffix) =>
        length >= suffix.Length && w[..length].EndsWith(suffix, StringComparison.Ordinal);

    private static bool ContainsVowel(ReadOnlySpan<char> w, int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (IsVowel(w[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int Replace(Span<char> w, int length, int suffixLength, string replacement)
    {
        var start = length - suffixLength;
        replacement.AsSpan().CopyTo(w[start..]);
        return start + replacement.Length;
    }

    private static int Step1A(Span<char> w, int length)
    {
        if (EndsWith(w, length, "sses"))
        {
            return length - 2;
        }

        if (EndsWith(w, length, "ied") || EndsWith(w, length, "ies"))
        {
            return length - 3 > 1 ? length - 2 : length - 1;
        }

        if (EndsWith(w, length, "us") || EndsWith(w, length, "ss"))
        {
            return length;
        }

        if (EndsWith(w, length, "s") && ContainsVowel(w, length - 2))
        {
            return length - 1;
        }

        return length;
    }

    private static readonly string[] Step1BDeletions = ["ingly", "edly", "ing", "ed"];

    private static int Step1B(Span<char> w, int length, int r1)
    {
        if (EndsWith(w, length, "eedly"))
        {
            return length - 5 >= r1 ? length - 3 : length;
        }

        if (EndsWith(w, length, "eed"))
        {
            return length - 3 >= r1 ? length - 1 : length;
        }

        foreach (var suffix in Step1BDeletions)
        {
            if (!EndsWith(w, length, suffix))
            {
                continue;
            }

            var stem = length - suffix.Length;
            if (!ContainsVowel(w, stem))
            {
                return length;
            }

            length = stem;
            if (EndsWith(w, length, "at") || EndsWith(w, length, "bl") || EndsWith(w, length, "iz"))
            {
                w[length] = 'e';
                return length + 1;
            }

            if (length >= 2 && w[length - 1] == w[length - 2] && w[length - 1] is 'b' or 'd' or 'f' or 'g' or 'm' or 'n' or 'p' or 'r' or 't')
            {
                return length - 1;
            }

            if (r1 >= length && EndsInShortSyllable(w, length))
            {
                w[length] = 'e';
                return length + 1;
            }

            return length;
        }

        return length;
    }

    /// <summary>A vowel then a non-vowel other than w, x or Y, after a non-vowel; or a vowel then a non-vowel at the start.</summary>
    private static bool EndsInShortSyllable(ReadOnlySpan<char> w, int length)
    {
        if (length == 2)
        {
            return IsVowel(w[0]) && !IsVowel(w[1]);
        }

        if (length < 3)
        {
            return false;
        }

        var last = w[length - 1];
        return !IsVowel(w[length - 3]) && IsVowel(w[length - 2]) && !IsVowel(last) && last is not ('w' or 'x' or 'Y');
    }

    private static int Step1C(Span<char> w, int length)
    {
        if (length > 2 && w[length - 1] is 'y' or 'Y' && !IsVowel(w[length - 2]))
        {
            w[length - 1] = 'i';
        }

        return length;
    }

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("ization", "ize"), ("izer", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
        ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"),
        ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ];

    private static int Step2(Span<char> w, int length, int r1)
    {
        var rule = LongestSuffix(w, length, Step2Rules);
        if (rule < 0)
        {
            return length;
        }

        var (suffix, replacement) = Step2Rules[rule];
        var start = length - suffix.Length;
        if (start < r1)
        {
            return length;
        }

        if (suffix == "ogi")
        {
            return start > 0 && w[start - 1] == 'l' ? Replace(w, length, suffix.Length, replacement) : length;
        }

        if (suffix == "li")
        {
            return start > 0 && w[start - 1] is 'c' or 'd' or 'e' or 'g' or 'h' or 'k' or 'm' or 'n' or 'r' or 't' ? start : length;
        }

        return Replace(w, length, suffix.Length, replacement);
    }

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""), ("ative", ""),
    ];

    private static int Step3(Span<char> w, int length, int r1, int r2)
    {
        var rule = LongestSuffix(w, length, Step3Rules);
        if (rule < 0)
        {
            return length;
        }

        var (suffix, replacement) = Step3Rules[rule];
        var start = length - suffix.Length;
        if (start < r1 || (suffix == "ative" && start < r2))
        {
            return length;
        }

        return Replace(w, length, suffix.Length, replacement);
    }

    private static readonly (string Suffix, string Replacement)[] Step4Rules =
    [
        ("al", ""), ("ance", ""), ("ence", ""), ("er", ""), ("ic", ""), ("able", ""), ("ible", ""), ("ant", ""),
        ("ement", ""), ("ment", ""), ("ent", ""), ("ism", ""), ("ate", ""), ("iti", ""), ("ous", ""), ("ive", ""),
        ("ize", ""), ("ion", ""),
    ];

    private static int Step4(Span<char> w, int length, int r2)
    {
        var rule = LongestSuffix(w, length, Step4Rules);
        if (rule < 0)
        {
            return length;
        }

        var suffix = Step4Rules[rule].Suffix;
        var start = length - suffix.Length;
        if (start < r2)
        {
            return length;
        }

        if (suffix == "ion")
        {
            return start > 0 && w[start - 1] is 's' or 't' ? start : length;
        }

        return start;
    }

    private static int Step5(Span<char> w, int length, int r1, int r2)
    {
        var last = length - 1;
        if (w[last] == 'e')
        {
            if (last >= r2 || (last >= r1 && !EndsInShortSyllable(w, last)))
            {
                return last;
            }
        }
        else if (w[last] == 'l' && last >= r2 && last > 0 && w[last - 1] == 'l')
        {
            return last;
        }

        return length;
    }

    private static int LongestSuffix(ReadOnlySpan<char> w, int length, (string Suffix, string Replacement)[] rules)
    {
        var best = -1;
        for (var i = 0; i < rules.Length; i++)
        {
            if (EndsWith(w, length, rules[i].Suffix) && (best < 0 || rules[i].Suffix.Length > rules[best].Suffix.Length))
            {
                best = i;
            }
        }

        return best;
    }
}
