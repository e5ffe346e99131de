using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Matching;

public sealed class TypoToleranceTests
{
    [Theory]
    [InlineData("civilians", "civilians", 0)]
    [InlineData("civilans", "civilians", 1)]
    [InlineData("chidlren", "children", 1)]
    [InlineData("protcetion", "protection", 1)]
    [InlineData("protction", "protection", 1)]
    [InlineData("prtction", "protection", 2)]
    [InlineData("abc", "xyz", 3)]
    public void Optimal_string_alignment_counts_a_transposition_as_one_edit(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.OptimalStringAlignment(a, b, 5));

    [Fact]
    public void The_distance_stops_counting_past_the_limit() =>
        Assert.Equal(2, EditDistance.OptimalStringAlignment("abcdef", "uvwxyz", 1));

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(20, 2)]
    public void Allowed_distance_grows_with_the_length_of_the_word(int length, int allowed) =>
        Assert.Equal(allowed, TypoIndex.AllowedDistance(length));

    [Fact]
    public void Finds_the_closest_word_within_the_allowed_distance()
    {
        var index = TypoIndex.Build([new("civilians", 1), new("children", 2), new("protection", 3), new("trafficking", 4)]);

        Assert.Equal(1, index.Find("civilans"));
        Assert.Equal(2, index.Find("chidlren"));
        Assert.Equal(3, index.Find("prottecton"));
        Assert.Equal(-1, index.Find("prtction"));
        Assert.Equal(4, index.Find("trafiking"));
        Assert.Equal(-1, index.Find("chldrn"));
        Assert.Equal(-1, index.Find("civl"));
        Assert.Equal(-1, index.Find("1612x"));
    }

    [Fact]
    public void Ties_go_to_the_lower_term_id()
    {
        var index = TypoIndex.Build([new("gender", 7), new("render", 3)]);

        Assert.Equal(3, index.Find("xender"));
    }

    [Theory]
    [InlineData("whats the polcy on protction of civilans")]
    [InlineData("civillian casualities")]
    public void Misspelt_keywords_still_match(string question)
    {
        var result = TestKnowledge.Matcher().Match(question, TestKnowledge.Sample());

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal("civilians", result.TopicId);
    }

    [Fact]
    public void A_misspelt_match_weighs_less_than_a_correct_one()
    {
        var knowledge = TestKnowledge.Sample();

        var correct = TestKnowledge.Matcher().Match("protection of civilians", knowledge);
        var misspelt = TestKnowledge.Matcher().Match("protction of civilans", knowledge);

        Assert.Equal(10, correct.Score);
        Assert.Equal(7.5, misspelt.Score);
    }

    [Theory]
    [InlineData("poc")]
    [InlineData("2017")]
    [InlineData("cvilians2")]
    public void Short_words_and_numbers_are_never_corrected(string word)
    {
        var knowledge = TestKnowledge.Build(
            [TestKnowledge.Topic("t", [("pic", 8), ("2016", 8), ("civilians2", 8)])]);

        Assert.Equal(MatchOutcome.Fallback, TestKnowledge.Matcher().Match(word, knowledge).Outcome);
    }
}
