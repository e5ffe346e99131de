using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Matching;

public sealed class PolicyMatcherTests
{
    private readonly KnowledgeBase _knowledge = TestKnowledge.Sample();
    private readonly PolicyMatcher _matcher = TestKnowledge.Matcher();

    private MatchResult Match(string question) => _matcher.Match(question, _knowledge);

    [Fact]
    public void A_named_topic_is_answered_with_the_words_that_matched()
    {
        var result = Match("What is the NATO policy on the Protection of Civilians?");

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal("civilians", result.Node!.Id);
        Assert.Null(result.Facet);
        Assert.Equal(["protection of civilians"], result.MatchedTerms);
        Assert.Equal(10, result.Score);
        Assert.InRange(result.Confidence, 0.5, 1);
    }

    [Fact]
    public void A_phrase_outweighs_its_generic_words_and_no_word_counts_twice()
    {
        // "protection of civilians" (10), not "protection" (2) + "civilians" (3) + the phrase.
        Assert.Equal(10, Match("protection of civilians").Score);
        Assert.Equal(["civilians"], Match("protection of civilians").Candidates.Select(c => c.TopicId));
    }

    [Fact]
    public void Function_words_inside_a_phrase_do_not_matter() =>
        Assert.Equal("civilians", Match("protection for the civilians").TopicId);

    [Fact]
    public void A_repeated_keyword_counts_once() =>
        Assert.Equal(Match("civilian casualties").Score, Match("civilian casualties, civilian casualties and civilian casualties").Score);

    [Theory]
    [InlineData("What is PoC?")]
    [InlineData("civilian protection")]
    [InlineData("protecting civilians")]
    public void Acronyms_synonyms_and_inflections_reach_the_same_topic(string question)
    {
        var result = Match(question);

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal("civilians", result.TopicId);
        Assert.Equal(10, result.Score);
    }

    [Fact]
    public void The_matched_terms_are_the_users_own_words() =>
        Assert.Equal(["poc"], Match("<at>Bot</at> What is PoC?").MatchedTerms);

    [Fact]
    public void A_generic_word_two_topics_share_asks_which_one()
    {
        var result = Match("protection");

        Assert.Equal(MatchOutcome.Disambiguate, result.Outcome);
        Assert.Null(result.Node);
        Assert.Equal(["civilians", "heritage"], result.Candidates.Select(c => c.TopicId));
    }

    [Fact]
    public void Close_scores_ask_which_topic_best_first()
    {
        var result = Match("monuments and civilian casualties");

        Assert.Equal(MatchOutcome.Disambiguate, result.Outcome);
        Assert.Equal(["civilians", "heritage"], result.Candidates.Select(c => c.TopicId));
        Assert.Equal(["monuments", "civilian casualties"], result.MatchedTerms);
    }

    [Fact]
    public void A_clear_winner_is_answered_with_the_runners_up_as_candidates()
    {
        var result = Match("protection of civilians and cultural heritage");

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal(["civilians", "heritage"], result.Candidates.Select(c => c.TopicId));
    }

    [Fact]
    public void The_most_candidates_offered_is_configurable()
    {
        var matcher = TestKnowledge.Matcher(new MatcherOptions { MaxCandidates = 2, AmbiguityRatio = 0.1 });

        var result = matcher.Match("civilian casualties, monuments and trafficking", _knowledge);

        Assert.Equal(MatchOutcome.Disambiguate, result.Outcome);
        Assert.Equal(2, result.Candidates.Count);
    }

    [Theory]
    [InlineData("What are the data protection rules?")]
    [InlineData("What is the force protection plan?")]
    [InlineData("Where is my cultural awareness course?")]
    [InlineData("What is the policy on drug trafficking?")]
    public void A_near_miss_phrase_vetoes_the_topics_that_share_its_words(string question) =>
        Assert.Equal(MatchOutcome.Fallback, Match(question).Outcome);

    [Fact]
    public void A_near_miss_phrase_hides_its_words_from_every_topic()
    {
        // "data protection" is a near miss for civilians only, yet heritage's "protection" must not count either.
        var result = Match("data protection");

        Assert.Equal(MatchOutcome.Fallback, result.Outcome);
        Assert.Empty(result.Candidates);
    }

    [Theory]
    [InlineData("How do I reset my password?")]
    [InlineData("policy")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("!!! ??? ...")]
    public void Nothing_relevant_falls_back(string question)
    {
        var result = Match(question);

        Assert.Equal(MatchOutcome.Fallback, result.Outcome);
        Assert.Null(result.Node);
        Assert.Null(result.Facet);
        Assert.Empty(result.MatchedTerms);
    }

    [Fact]
    public void A_lone_generic_word_lost_in_an_unrelated_question_falls_back() =>
        Assert.Equal(MatchOutcome.Fallback, Match("How do I protect my laptop from malware and phishing?").Outcome);

    [Fact]
    public void A_weak_but_whole_keyword_question_is_answered_with_low_confidence()
    {
        var result = Match("civilians");

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal("civilians", result.TopicId);
        Assert.True(result.Confidence < Match("protection of civilians").Confidence);
    }

    [Fact]
    public void A_facet_with_a_topic_answers_the_facet_sub_node()
    {
        var result = Match("Who does the PoC policy apply to?");

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal(Facet.Scope, result.Facet);
        Assert.Equal("civilians.scope", result.Node!.Id);
        Assert.Equal("civilians", result.TopicId);
    }

    [Theory]
    [InlineData("who does it apply to?", Facet.Scope)]
    [InlineData("When was it adopted?", Facet.Status)]
    [InlineData("which UN Security Council resolutions?", Facet.Resolutions)]
    public void A_facet_without_a_topic_falls_back_with_the_facet_set(string question, Facet facet)
    {
        var result = Match(question);

        Assert.Equal(MatchOutcome.Fallback, result.Outcome);
        Assert.Equal(facet, result.Facet);
        Assert.Null(result.Node);
        Assert.NotEmpty(result.MatchedTerms);
    }

    [Fact]
    public void A_weak_facet_cue_alone_is_not_a_facet() => Assert.Null(Match("when is payday?").Facet);

    [Fact]
    public void A_facet_cue_in_a_question_about_something_else_is_not_a_follow_up() =>
        Assert.Null(Match("When was the canteen menu for international staff adopted?").Facet);

    [Fact]
    public void A_sub_node_keyword_leads_to_that_sub_node()
    {
        var result = Match("What is UN Security Council resolution 2347?");

        Assert.Equal("heritage.resolutions", result.Node!.Id);
        Assert.Equal(Facet.Resolutions, result.Facet);
    }

    [Fact]
    public void A_facet_named_for_a_topic_without_that_sub_node_answers_the_topic()
    {
        var result = Match("When was the human trafficking policy adopted?");

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal("trafficking", result.Node!.Id);
        Assert.Equal(Facet.Status, result.Facet);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_menu_order()
    {
        var knowledge = TestKnowledge.Build(
        [
            TestKnowledge.Topic("second-in-name", [("shared words", 7)]),
            TestKnowledge.Topic("first-in-name", [("shared words", 7)]),
        ]);

        var result = _matcher.Match("shared words", knowledge);

        Assert.Equal(["second-in-name", "first-in-name"], result.Candidates.Select(c => c.TopicId));
    }

    [Fact]
    public void A_word_shared_by_hundreds_of_topics_is_handled()
    {
        var topics = Enumerable.Range(0, 600).Select(i => TestKnowledge.Topic("topic-" + i, [("shared", 3), ("name" + i, 8)])).ToArray();
        var knowledge = TestKnowledge.Build(topics);

        var result = _matcher.Match("shared shared shared", knowledge);

        Assert.Equal(MatchOutcome.Disambiguate, result.Outcome);
        Assert.Equal(["topic-0", "topic-1", "topic-2"], result.Candidates.Select(c => c.TopicId));
    }

    [Fact]
    public void Input_beyond_the_maximum_length_is_ignored()
    {
        var matcher = TestKnowledge.Matcher(new MatcherOptions { MaxInputLength = 40 });
        var question = new string('x', 60) + " protection of civilians";

        Assert.Equal(MatchOutcome.Fallback, matcher.Match(question, _knowledge).Outcome);
        Assert.Equal(MatchOutcome.Answer, matcher.Match("protection of civilians " + new string('x', 60), _knowledge).Outcome);
    }

    [Fact]
    public void British_and_american_spellings_meet()
    {
        var knowledge = TestKnowledge.Build(
            [TestKnowledge.Topic("t", [("defence capacity building", 8), ("organised crime", 7)])],
            synonyms: [TestKnowledge.Synonyms("defence", "defense")]);

        Assert.Equal("t", _matcher.Match("defense capacity building", knowledge).TopicId);
        Assert.Equal("t", _matcher.Match("organized crime", knowledge).TopicId);
    }

    [Fact]
    public void The_index_is_built_once_per_snapshot()
    {
        Assert.Same(MatcherIndex.For(_knowledge), MatcherIndex.For(_knowledge));
        Assert.NotSame(MatcherIndex.For(_knowledge), MatcherIndex.For(TestKnowledge.Sample()));
    }

    [Fact]
    public void Rejects_a_missing_knowledge_base() =>
        Assert.Throws<ArgumentNullException>(() => _matcher.Match("x", null!));
}
