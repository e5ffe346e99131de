namespace PolicyBot.Core.Matching;

/// <summary>
/// The first job of the matcher: finding hits. Normalises the question, splits it into words, analyses them in the
/// index's language (folds and stems them: <see cref="WordAnalyzer"/>), looks up (or typo-corrects) their terms,
/// rewrites synonyms ("poc" → "protection of civilians"), then finds every keyword,
/// near-miss phrase and facet cue of the index in it: as written, and (for long questions) scattered.
/// It decides nothing: overlapping and repeated hits are all kept for <see cref="HitSelector"/>.
/// </summary>
internal static class HitFinder
{
    /// <summary>How much of a keyword's weight a fully misspelt match loses.</summary>
    private const double TypoPenalty = 0.25;

    /// <summary>Finds the hits of <paramref name="input"/>; the result lives in <paramref name="scratch"/> until its next use.</summary>
    public static FoundHits Find(MatcherIndex index, ReadOnlySpan<char> input, MatcherOptions options, MatchScratch scratch)
    {
        var textLength = TextNormalizer.Normalize(input, scratch.Text, index.Language);
        var text = scratch.Text.AsSpan(0, textLength);
        var tokenCount = Tokenize(index, text, scratch);
        var count = index.RewriteSynonyms(scratch.Tokens.AsSpan(0, tokenCount), scratch.Rewritten);
        var tokens = scratch.Rewritten.AsSpan(0, count);

        var hitCount = FindPhrases(index, tokens, scratch);
        if (options.ScatteredPhraseFactor > 0)
        {
            hitCount = FindScatteredPhrases(index, tokens, scratch, hitCount, options.ScatteredPhraseFactor, options.ScatteredPhraseWindow);
        }

        return new FoundHits(text, tokens, scratch.Hits.AsSpan(0, hitCount));
    }

    /// <summary>Splits the normalised text into words, analyses them (fold, stem) and looks up (or typo-corrects) their terms.</summary>
    private static int Tokenize(MatcherIndex index, ReadOnlySpan<char> text, MatchScratch scratch)
    {
        var count = 0;
        var position = 0;
        while (position < text.Length && count < scratch.Tokens.Length)
        {
            var length = text[position..].IndexOf(' ');
            if (length < 0)
            {
                length = text.Length - position;
            }

            var word = text.Slice(position, length);
            var token = new Token { Term = -1, Start = position, End = position + length };
            position += length + 1;
            if (word.Length > MatcherIndex.MaxTokenLength)
            {
                scratch.Tokens[count++] = token;
                continue;
            }

            var analyzed = index.Analyzer.Analyze(word, scratch.Folded, scratch.Stem);
            token.IsStop = index.IsStopWord(analyzed.Folded);
            token.Term = index.FindTerm(analyzed.Stem);
            if (token.Term < 0 && !token.IsStop && !analyzed.Exact)
            {
                token.Term = index.Typos.Find(analyzed.Folded);
                token.Corrected = token.Term >= 0;
            }

            scratch.Tokens[count++] = token;
        }

        return count;
    }

    /// <summary>Every phrase of the index found as written (function words skipped unless literal), one hit per posting.</summary>
    private static int FindPhrases(MatcherIndex index, ReadOnlySpan<Token> tokens, MatchScratch scratch)
    {
        var count = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var term = tokens[i].Term;
            if (term < 0)
            {
                continue;
            }

            foreach (var p in index.PhrasesByFirstTerm[term])
            {
                var phrase = index.Phrases[p];
                if (!PhraseMatcher.TryMatch(tokens, i, phrase.Terms, phrase.Literal, out var end))
                {
                    continue;
                }

                var factor = TypoFactor(PhraseMatcher.CountCorrected(tokens, i, end), phrase.Terms.Length);
                foreach (var posting in phrase.Postings)
                {
                    var hit = new Hit(
                        Group: posting.Node >= 0 ? posting.Topic : -1 - (int)posting.Facet,
                        Node: posting.Node,
                        Facet: posting.Facet,
                        Start: i,
                        End: end,
                        Length: phrase.Terms.Length,
                        Phrase: p,
                        Weight: posting.Weight > 0 ? posting.Weight * factor : posting.Weight,
                        Scattered: false);
                    scratch.AddHit(ref count, hit);
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Weaker evidence for long questions: a keyword of a topic whose words are all there, but apart or in another
    /// order ("children detained during operations"), counts at a discount. Only where the phrase was not found as
    /// written at that place; near-miss phrases and facet cues are not scattered (their exact wording is the point).
    /// </summary>
    private static int FindScatteredPhrases(MatcherIndex index, ReadOnlySpan<Token> tokens, MatchScratch scratch, int count, double factor, int window)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var term = tokens[i].Term;
            if (term < 0 || tokens[i].IsStop)
            {
                continue;
            }

            foreach (var p in index.PhrasesByFirstTerm[term])
            {
                var phrase = index.Phrases[p];
                if (phrase.Literal || phrase.Terms.Length < 2 || PhraseMatcher.TryMatch(tokens, i, phrase.Terms, literal: false, out _)
                    || !PhraseMatcher.TryMatchScattered(tokens, i, phrase.Terms, window, out var first, out var last, out var corrected))
                {
                    continue;
                }

                var scale = factor * TypoFactor(corrected, phrase.Terms.Length);
                foreach (var posting in phrase.Postings)
                {
                    if (posting.Node < 0 || posting.Weight <= 0)
                    {
                        continue;
                    }

                    var hit = new Hit(
                        Group: posting.Topic,
                        Node: posting.Node,
                        Facet: posting.Facet,
                        Start: first,
                        End: last,
                        Length: phrase.Terms.Length,
                        Phrase: p,
                        Weight: posting.Weight * scale,
                        Scattered: true);
                    scratch.AddHit(ref count, hit);
                }
            }
        }

        return count;
    }

    /// <summary>The share of its weight a keyword keeps when <paramref name="corrected"/> of its <paramref name="terms"/> words were misspelt.</summary>
    private static double TypoFactor(int corrected, int terms) => 1 - (TypoPenalty * Math.Min(1.0, (double)corrected / terms));
}

/// <summary>What <see cref="HitFinder"/> found: the normalised text, its analysed words, and the hits on them (in the match's scratch buffers).</summary>
internal readonly ref struct FoundHits(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, Span<Hit> hits)
{
    /// <summary>The normalised question, which tokens' <see cref="Token.Start"/> and <see cref="Token.End"/> point into.</summary>
    public ReadOnlySpan<char> Text { get; } = text;

    /// <summary>The question's words after synonym rewriting: what hits' <see cref="Hit.Start"/> and <see cref="Hit.End"/> index.</summary>
    public ReadOnlySpan<Token> Tokens { get; } = tokens;

    public Span<Hit> Hits { get; } = hits;
}
