using CsCheck;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Matching;

/// <summary>Any input at all, up to 100 KB of any Unicode: the matcher never throws and always answers the same.</summary>
public sealed class MatcherPropertyTests
{
    private static readonly KnowledgeBase Knowledge = TestKnowledge.Real;

    /// <summary>Raw characters from the whole UTF-16 range, unpaired surrogates and control characters included.</summary>
    private static readonly Gen<string> AnyText = Gen.Char.Array[0, 100_000].Select(chars => new string(chars));

    // Declared before the generators that use it: static fields initialise in order.
    private static readonly string[] Pieces =
    [
        "protection", "of", "civilians", "PoC", "CRSV", "UNSCR", "1325", "who", "does", "it", "apply", "to", "when", "was",
        "data protection", "drug trafficking", "human", "trafficking", "children", "armed", "conflict", "<at>Bot</at>",
        "<b>", "</b>", "<", ">", "&amp;", "&#", "&#x;", "&#99999999;", ";", "’s", "'", "é", "ß", "\u0301", "\u0000", "\uD800",
        "\uDC00", "🙂", "—", "-", "chidlren", "civilans", "protction", "securty", new string('a', 60), "zzzzzzzzz", "the",
        "l'", "qu’", "jusqu'", "traité", "traite", "traitement", "sécurité", "PdC", "Œ", "&rsquo;", "a-t-elle",
    ];

    /// <summary>Text built from what the matcher reacts to: keywords, acronyms, markup, entities, typos, odd characters.</summary>
    private static readonly Gen<string> Wordy = Gen.Int[0, Pieces.Length - 1].Array[0, 400]
        .Select(indexes => string.Join(" ", indexes.Select(i => Pieces[i])));

    [Fact]
    public void Never_throws_and_is_deterministic_on_any_text_with_the_default_cap() =>
        AnyText.Sample(text => CheckMatch(TestKnowledge.Matcher(), text), iter: 60, threads: 1);

    [Fact]
    public void Never_throws_and_is_deterministic_on_any_text_matched_whole() =>
        AnyText.Sample(text => CheckMatch(TestKnowledge.Matcher(new MatcherOptions { MaxInputLength = 100_000 }), text), iter: 30, threads: 1);

    [Fact]
    public void Never_throws_and_is_deterministic_on_keyword_soup() =>
        Wordy.Sample(text => CheckMatch(TestKnowledge.Matcher(new MatcherOptions { MaxInputLength = 100_000 }), text), iter: 200, threads: 1);

    [Fact]
    public void Never_throws_and_is_deterministic_in_french_on_any_text_and_keyword_soup() =>
        Gen.OneOf(AnyText, Wordy).Sample(text => CheckMatch(TestKnowledge.Matcher(new MatcherOptions { MaxInputLength = 100_000 }), text, Languages.French), iter: 100, threads: 1);

    [Theory]
    [InlineData(Languages.English)]
    [InlineData(Languages.French)]
    public void Normalised_text_is_lower_case_words_separated_by_single_spaces(string language) =>
        Gen.OneOf(AnyText, Wordy).Sample(text =>
        {
            var normalized = TextNormalizer.Normalize(text, language);
            Assert.DoesNotContain("  ", normalized, StringComparison.Ordinal);
            Assert.False(normalized.StartsWith(' ') || normalized.EndsWith(' '));
            Assert.All(normalized, c => Assert.True(c == ' ' || (char.IsLetterOrDigit(c) && !char.IsUpper(c)), $"unexpected U+{(int)c:X4}"));
        }, iter: 100, threads: 1);

    private static void CheckMatch(PolicyMatcher matcher, string text, string language = Languages.English)
    {
        var first = matcher.Match(text, Knowledge, language);
        var second = matcher.Match(text, Knowledge, language);

        Assert.Equal(first.Outcome, second.Outcome);
        Assert.Same(first.Node, second.Node);
        Assert.Equal(first.Facet, second.Facet);
        Assert.Equal(first.Score, second.Score);
        Assert.Equal(first.MatchedTerms, second.MatchedTerms);
        Assert.Equal(first.Candidates, second.Candidates);
        Assert.InRange(first.Confidence, 0, 1);
        switch (first.Outcome)
        {
            case MatchOutcome.Answer:
                Assert.NotNull(first.Node);
                break;
            case MatchOutcome.Disambiguate:
                Assert.InRange(first.Candidates.Count, 2, new MatcherOptions().MaxCandidates);
                break;
            default:
                Assert.Null(first.Node);
                break;
        }
    }
}
