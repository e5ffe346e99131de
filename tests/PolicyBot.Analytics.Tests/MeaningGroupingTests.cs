using PolicyBot.Analytics.Report;
using PolicyBot.Testing;

namespace PolicyBot.Analytics.Tests;

/// <summary>Grouping by meaning with the bot's own MiniLM stage (loaded once for the test run).</summary>
public sealed class MeaningGroupingTests
{
    [Fact]
    public void Phrasings_with_one_meaning_are_one_group_whatever_their_order_with_the_node_they_belong_to()
    {
        using var stage = SharedMeaning.Stage(TestEvents.Knowledge);
        var grouper = new MeaningGrouper(stage);
        UnansweredQuestion[] questions =
        [
            new("boys recruited by an armed group near our base", "en"),
            new("how should a patrol treat child soldiers it encounters", "en"),
            new("what do we do about child soldiers we meet on patrol", "en"),
            new("when does the canteen open on Sundays", "en"),
            new("canteen opening hours at the weekend", "en"),
            new("les enfants soldats rencontrés en patrouille", "fr"),
            new("des gamins armés croisés pendant une patrouille", "fr"),
            new("zorglub blorg wibble", "fr"),
        ];

        var groups = grouper.Group(questions, TestEvents.Knowledge);

        Assert.Equal("meaning", grouper.Method);
        var children = Assert.Single(groups, g => g.Phrasings.Any(p => p.Text.Contains("patrol treat", StringComparison.Ordinal)));
        Assert.Equal(3, children.Count);
        Assert.Equal("children-armed-conflict", children.LikelyNode?.TopicId);
        Assert.Contains("knowledge/children-armed-conflict.yaml", children.Snippet, StringComparison.Ordinal);
        var canteen = Assert.Single(groups, g => g.Phrasings.Any(p => p.Text.Contains("canteen", StringComparison.Ordinal)));
        Assert.Equal(2, canteen.Count);
        Assert.DoesNotContain(canteen.Phrasings, p => p.Text.Contains("patrol treat", StringComparison.Ordinal));

        // French is weighed through its English gloss, grouped apart from English, with the snippet in French.
        var french = Assert.Single(groups, g => g.Language == "fr" && g.Phrasings.Any(p => p.Text.Contains("enfants soldats", StringComparison.Ordinal)));
        Assert.Equal(2, french.Count);
        Assert.Equal("children-armed-conflict", french.LikelyNode?.TopicId);
        Assert.Contains("examples:\n  fr:\n", french.Snippet, StringComparison.Ordinal);

        // A French question the glossary knows too little of is grouped by its words, alone.
        var unknown = Assert.Single(groups, g => g.Phrasings.Any(p => p.Text.Contains("zorglub", StringComparison.Ordinal)));
        Assert.Equal(("fr", 1), (unknown.Language, unknown.Count));
    }
}
