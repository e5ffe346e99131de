using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Matching;

/// <summary>The role <see cref="HitSelector"/> gives each hit that <see cref="HitFinder"/> found, on the sample knowledge base.</summary>
public sealed class HitSelectorTests
{
    [Fact]
    public void A_longer_keyword_is_counted_its_words_are_evidence_and_another_topic_s_word_inside_it_is_subsumed() =>
        Assert.Equal(
            [
                ("civilians", "protection of civilians", HitRole.Counted),
                ("civilians", "civilians", HitRole.Evidence),
                ("civilians", "protection", HitRole.Evidence),
                ("heritage", "protection", HitRole.Subsumed),
            ],
            Roles("protection of civilians"));

    [Fact]
    public void A_near_miss_phrase_is_counted_and_leaves_its_words_unused_for_every_topic() =>
        Assert.Equal(
            [
                ("civilians", "data protection", HitRole.Counted),
                ("civilians", "protection", HitRole.Unused),
                ("heritage", "protection", HitRole.Unused),
            ],
            Roles("data protection"));

    [Fact]
    public void A_repeated_keyword_is_counted_once_and_its_repeat_is_evidence() =>
        Assert.Equal(
            [
                ("trafficking", "trafficking", HitRole.Counted),
                ("trafficking", "trafficking", HitRole.Evidence),
            ],
            Roles("trafficking, trafficking"));

    /// <summary>Each hit as (topic id, the question's words it covers, role), in the selector's order.</summary>
    private static List<(string Topic, string Words, HitRole Role)> Roles(string question)
    {
        var knowledge = TestKnowledge.Sample();
        var index = MatcherIndex.For(knowledge);
        var scratch = MatchScratch.For(question.Length);
        var found = HitFinder.Find(index, question, new MatcherOptions(), scratch);
        HitSelector.Select(found.Hits, found.Tokens.Length, scratch);
        var roles = new List<(string, string, HitRole)>();
        foreach (var hit in found.Hits)
        {
            var words = found.Text[found.Tokens[hit.Start].Start..found.Tokens[hit.End].End].ToString();
            roles.Add((hit.IsFacetCue ? hit.Facet.ToString() : index.Topics[hit.Group].Id, words, hit.Role));
        }

        return roles;
    }
}
