using PolicyBot.Core.Knowledge;
using PolicyBot.Testing;

namespace PolicyBot.Analytics.Tests;

/// <summary>Events made for the tests, and the repo's real knowledge.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<KnowledgeBase> LazyKnowledge = new(() => KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!);

    public static KnowledgeBase Knowledge => LazyKnowledge.Value;

    public static AnswerEvent Answer(DateTimeOffset time, string outcome, string? node = null, string channel = "msteams", string input = Inputs.Text, string conversation = "c1", string? question = null, string language = "en") =>
        new(time, channel, language, input, outcome, conversation, "v1")
        {
            NodeId = node,
            TopicId = node?.Split('.')[0],
            Score = node is null ? null : 12.5,
            Path = node is null ? null : "keywords",
            Question = question,
        };

    public static FeedbackEntry Rating(DateTimeOffset time, string node, string rating, string? comment = null, string? question = null, string conversation = "c1") =>
        new(time, "msteams", "en", node, rating, conversation, "v1") { TopicId = node.Split('.')[0], Comment = comment, Question = question };

    public static string TempDatabase() => Path.Combine(Path.GetTempPath(), "policybot-tests", $"analytics-{Guid.NewGuid():N}.db");
}
