using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Matching;

/// <summary>A keyword whose words are all in the question, near each other but not as written, counts at a discount.</summary>
public sealed class ScatteredKeywordTests
{
    private readonly KnowledgeBase _knowledge = TestKnowledge.Build(
        [
            TestKnowledge.Topic("children", [("detained children", 10), ("children", 3)]),
            TestKnowledge.Topic("heritage", [("cultural property", 9), ("property management", -8)]),
        ]);

    // A low minimum so that weak scores are answered and can be compared.
    private MatchResult Match(string question, double factor = 0.6, int window = 6) =>
        TestKnowledge.Matcher(new MatcherOptions { MinimumScore = 1, ScatteredPhraseFactor = factor, ScatteredPhraseWindow = window })
            .Match(question, _knowledge);

    [Fact]
    public void Reordered_words_of_a_keyword_count_at_the_discount()
    {
        var result = Match("children detained");

        Assert.Equal("children", result.TopicId);
        Assert.Equal(6, result.Score);
    }

    [Fact]
    public void Words_apart_within_the_window_count_at_the_discount() =>
        Assert.Equal(6, Match("what about the children who were detained yesterday").Score);

    [Fact]
    public void Words_beyond_the_window_do_not_make_the_keyword() =>
        Assert.Equal(3, Match("children were seen near the camp by the guards yesterday and later detained").Score);

    [Fact]
    public void A_keyword_as_written_counts_in_full_and_not_again_scattered() =>
        Assert.Equal(10, Match("detained children, the children detained").Score);

    [Fact]
    public void The_default_window_is_about_a_clause()
    {
        var matcher = TestKnowledge.Matcher(new MatcherOptions { MinimumScore = 1 });

        Assert.Equal(7.5, matcher.Match("children detained", _knowledge).Score);
        Assert.Equal(3, matcher.Match("children were later seen being detained", _knowledge).Score);
    }

    [Fact]
    public void A_factor_of_zero_turns_the_rule_off() =>
        Assert.Equal(3, Match("children detained", factor: 0).Score);

    [Fact]
    public void A_misspelt_word_of_a_scattered_keyword_weighs_less_still() =>
        Assert.Equal(5.25, Match("childen detained").Score);

    [Fact]
    public void The_default_rule_lifts_a_scattered_strong_keyword_over_the_minimum()
    {
        var result = TestKnowledge.Matcher().Match("how are children detained in operations handled", _knowledge);

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal("children", result.TopicId);
    }

    [Fact]
    public void Near_miss_phrases_are_not_scattered()
    {
        // "management of cultural property" is the topic, not "property management" read backwards.
        var result = Match("management of the cultural property");

        Assert.Equal("heritage", result.TopicId);
        Assert.Equal(9, result.Score);
    }
}
