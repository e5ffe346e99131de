using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;
using static PolicyBot.Core.Tests.Matching.TestKnowledge;

namespace PolicyBot.Core.Tests.Matching;

/// <summary>Matching in French on a small bilingual knowledge base: the French index, its analysis, the English acronyms in it.</summary>
public sealed class FrenchMatchingTests
{
    private readonly KnowledgeBase _knowledge = Build(
        [
            Topic("security",
                [("human security", 10)],
                [("sécurité humaine", 10)]),
            Topic("civilians",
                [("protection of civilians", 10), ("civilians", 3), ("protection", 2)],
                [("protection des civils", 10), ("civils", 3), ("protection", 2), ("protection des données", -9)],
                Sub("civilians", Facet.Scope),
                Sub("civilians", Facet.Status)),
            Topic("trafficking",
                [("trafficking in human beings", 10), ("trafficking", 6)],
                [("traite des êtres humains", 10), ("traite", 6), ("trafic de drogue", -10)]),
            Topic("heritage",
                [("cultural property protection", 10), ("protection", 2)],
                [("protection des biens culturels", 10), ("biens culturels", 9), ("protection", 2)]),
        ],
        [
            FacetCues(Facet.Scope, [("apply to", 6)], [("à qui s'applique", 6), ("s'applique", 5)]),
            FacetCues(Facet.Status, [("when was", 6), ("adopted", 5)], [("quand", 2), ("adoptée", 5)]),
            FacetCues(Facet.Resolutions, [("UNSCR", 7), ("resolution", 6)], [("résolution", 6)]),
        ],
        [
            Synonyms("protection of civilians", "PoC"),
            Synonyms("trafficking in human beings", "THB"),
            FrenchSynonyms("protection des civils", "PdC"),
            FrenchSynonyms("enfants", "mineurs", "jeunes"),
        ]);

    private readonly PolicyMatcher _matcher = Matcher();

    private MatchResult French(string question) => _matcher.Match(question, _knowledge, Languages.French);

    [Theory]
    [InlineData("Sécurité humaine : de quoi s'agit-il ?", "security")]
    [InlineData("securite humaine", "security")]
    [InlineData("SECURITE HUMAINE", "security")]
    [InlineData("la protection des civils", "civilians")]
    [InlineData("Protection pour les civils en opération", "civilians")]
    [InlineData("PdC", "civilians")]
    [InlineData("la politique PoC", "civilians")]
    [InlineData("THB ?", "trafficking")]
    [InlineData("lutte contre la traite des etres humains", "trafficking")]
    [InlineData("l'OTAN et la traite des êtres humains", "trafficking")]
    [InlineData("protection des biens culturels", "heritage")]
    [InlineData("protection du bien culturel", "heritage")]
    public void French_questions_reach_their_topic(string question, string topic)
    {
        var result = French(question);

        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal(topic, result.TopicId);
    }

    [Theory]
    [InlineData("Le traité de l'Atlantique Nord")]
    [InlineData("traitement des données personnelles")]
    [InlineData("Les traités internationaux")]
    public void A_treaty_or_a_treatment_is_not_trafficking(string question) =>
        Assert.NotEqual("trafficking", French(question).TopicId);

    [Fact]
    public void A_near_miss_phrase_in_french_is_about_something_else() =>
        Assert.Equal(MatchOutcome.Fallback, French("protection des données des candidats").Outcome);

    [Fact]
    public void A_french_facet_leads_to_the_sub_question()
    {
        var result = French("À qui s’applique la politique de protection des civils ?");

        Assert.Equal("civilians.scope", result.Node!.Id);
        Assert.Equal(Facet.Scope, result.Facet);
    }

    [Fact]
    public void A_french_follow_up_keeps_its_facet()
    {
        var result = French("quand a-t-elle été adoptée ?");

        Assert.Equal(MatchOutcome.Fallback, result.Outcome);
        Assert.Equal(Facet.Status, result.Facet);
    }

    [Fact]
    public void An_english_acronym_cue_works_in_french() =>
        Assert.Equal(Facet.Resolutions, French("UNSCR de la protection des civils").Facet);

    [Fact]
    public void A_misspelt_french_word_is_corrected_from_the_french_vocabulary() =>
        Assert.Equal("civilians", French("protection des civlis").TopicId);

    [Fact]
    public void The_matched_terms_are_the_users_own_words() =>
        Assert.Equal(["sécurité humaine"], French("la sécurité humaine").MatchedTerms);

    [Fact]
    public void Each_language_matches_on_its_own_keywords_only()
    {
        Assert.Equal(MatchOutcome.Fallback, _matcher.Match("sécurité humaine", _knowledge).Outcome);
        Assert.Equal(MatchOutcome.Fallback, French("trafficking in human beings").Outcome);
        Assert.Equal("trafficking", _matcher.Match("trafficking in human beings", _knowledge).TopicId);
    }

    [Theory]
    [InlineData("PdC")]
    [InlineData("what is PdC?")]
    public void French_acronyms_reach_their_topic_in_english_questions_too(string question) =>
        Assert.Equal("civilians", _matcher.Match(question, _knowledge).TopicId);

    [Fact]
    public void A_language_the_matcher_does_not_know_is_matched_as_english()
    {
        Assert.Equal("security", _matcher.Match("human security", _knowledge, "de").TopicId);
        Assert.Same(MatcherIndex.For(_knowledge), MatcherIndex.For(_knowledge, "de"));
    }

    [Fact]
    public void The_index_is_built_once_per_snapshot_and_language()
    {
        Assert.Same(MatcherIndex.For(_knowledge, Languages.French), MatcherIndex.For(_knowledge, Languages.French));
        Assert.NotSame(MatcherIndex.For(_knowledge, Languages.French), MatcherIndex.For(_knowledge, Languages.English));
        Assert.Equal(Languages.French, MatcherIndex.For(_knowledge, Languages.French).Language);
    }
}
