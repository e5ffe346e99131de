using PolicyBot.Analytics.Report;

namespace PolicyBot.Analytics.Tests;

/// <summary>The report's numbers on a generated event log whose counts are known.</summary>
public sealed class ContentReportTests
{
    private static readonly DateTimeOffset Since = TestEvents.Monday.AddDays(-1);
    private static readonly DateTimeOffset Until = TestEvents.Monday.AddDays(7);

    /// <summary>
    /// Monday: 10 answered in Teams (4 of them one node). Tuesday: 4 disambiguations and 3 fallbacks in web chat.
    /// Wednesday: 2 suggestions and 1 answer in the Emulator. Also 5 clicks, 2 welcomes, 1 help and 1 fallback outside
    /// the period, none of them questions; feedback on two nodes. Eight conversations (m0-m2, t1-t3, w1, c1).
    /// </summary>
    internal static AnalyticsLog GeneratedLog()
    {
        var answers = new List<AnswerEvent>();
        var monday = TestEvents.Monday;
        for (var i = 0; i < 10; i++)
        {
            answers.Add(TestEvents.Answer(monday.AddMinutes(i), Outcomes.Answer, i < 4 ? "protection-of-civilians.scope" : "human-security", conversation: $"m{i % 3}"));
        }

        for (var i = 0; i < 4; i++)
        {
            answers.Add(TestEvents.Answer(monday.AddDays(1).AddMinutes(i), Outcomes.Disambiguation, channel: "webchat", conversation: "t1"));
        }

        answers.Add(TestEvents.Answer(monday.AddDays(1).AddHours(1), Outcomes.Fallback, channel: "webchat", conversation: "t2", question: "what is the canteen menu today"));
        answers.Add(TestEvents.Answer(monday.AddDays(1).AddHours(2), Outcomes.Fallback, channel: "webchat", conversation: "t2", question: "canteen menu today?"));
        answers.Add(TestEvents.Answer(monday.AddDays(1).AddHours(3), Outcomes.Fallback, channel: "webchat", conversation: "t3"));
        answers.Add(TestEvents.Answer(monday.AddDays(2), Outcomes.Suggestions, channel: "emulator", conversation: "w1", question: "how do we shield civilians from harm in operations"));
        answers.Add(TestEvents.Answer(monday.AddDays(2).AddMinutes(1), Outcomes.Suggestions, channel: "emulator", conversation: "w1", question: "shield civilians from harm during operations"));
        answers.Add(TestEvents.Answer(monday.AddDays(2).AddMinutes(2), Outcomes.Answer, "women-peace-security", channel: "emulator", conversation: "w1"));

        // Not questions: clicks (one reaches a node no question reached), welcomes, a command; and one out of the period.
        for (var i = 0; i < 5; i++)
        {
            answers.Add(TestEvents.Answer(monday.AddMinutes(30 + i), Outcomes.Answer, "children-armed-conflict", input: Inputs.Click, conversation: "m0"));
        }

        answers.Add(TestEvents.Answer(monday, "welcome", input: Inputs.Welcome, conversation: "m0"));
        answers.Add(TestEvents.Answer(monday.AddDays(1), "welcome", input: Inputs.Welcome, conversation: "t1"));
        answers.Add(TestEvents.Answer(monday.AddDays(1), "help", conversation: "t1"));
        answers.Add(TestEvents.Answer(monday.AddDays(-30), Outcomes.Fallback, question: "long ago"));

        var feedback = new List<FeedbackEntry>
        {
            TestEvents.Rating(monday.AddMinutes(1), "protection-of-civilians.scope", Ratings.Up),
            TestEvents.Rating(monday.AddMinutes(2), "protection-of-civilians.scope", Ratings.Down, question: "who is covered by PoC", conversation: "m1"),
            TestEvents.Rating(monday.AddMinutes(3), "protection-of-civilians.scope", Ratings.Comment, comment: "the date it applies from", question: "who is covered by PoC", conversation: "m1"),
            TestEvents.Rating(monday.AddMinutes(4), "protection-of-civilians.scope", Ratings.Down, conversation: "m2"),
            TestEvents.Rating(monday.AddMinutes(5), "human-security", Ratings.Up),
            TestEvents.Rating(monday.AddMinutes(6), "human-security", Ratings.Up),
        };
        return new AnalyticsLog(answers, feedback);
    }

    private static ContentReport Report(IQuestionGrouper? grouper = null) =>
        ContentReportBuilder.Build(GeneratedLog(), TestEvents.Knowledge, grouper ?? new WordOverlapGrouper(), Since, Until, Until, "SQLite test.db");

    [Fact]
    public void Questions_are_counted_per_day_per_channel_and_per_outcome()
    {
        var report = Report();

        Assert.Equal(20, report.Questions);
        Assert.Equal(GeneratedLog().Answers.Count - 1, report.Turns);
        Assert.Equal([new DayCount(new DateOnly(2026, 11, 2), 10), new DayCount(new DateOnly(2026, 11, 3), 7), new DayCount(new DateOnly(2026, 11, 4), 3)], report.QuestionsPerDay);
        Assert.Equal([("msteams", 10, 0.5), ("webchat", 7, 0.35), ("emulator", 3, 0.15)], report.QuestionsPerChannel.Select(c => (c.Name, c.Count, Math.Round(c.Share, 4))));
        Assert.Equal(
            [(Outcomes.Answer, 11, 0.55), (Outcomes.Disambiguation, 4, 0.2), (Outcomes.Suggestions, 2, 0.1), (Outcomes.Fallback, 3, 0.15)],
            report.Outcomes.Select(o => (o.Name, o.Count, Math.Round(o.Share, 4))));
        Assert.Equal(8, report.Conversations);
    }

    [Fact]
    public void Feedback_is_counted_per_node_with_its_notes_most_thumbs_down_first()
    {
        var report = Report();

        Assert.Equal(2, report.Feedback.Count);
        var scope = report.Feedback[0];
        Assert.Equal("protection-of-civilians.scope", scope.Node.Id);
        Assert.Equal(TestEvents.Knowledge.Find("protection-of-civilians.scope")!.Title.Get(), scope.Node.Title);
        Assert.Equal((1, 2), (scope.Up, scope.Down));
        var note = Assert.Single(scope.Comments);
        Assert.Equal(("the date it applies from", "who is covered by PoC"), (note.Text, note.Question));
        Assert.Equal(["who is covered by PoC"], scope.DownQuestions);
        Assert.Equal(("human-security", 2, 0), (report.Feedback[1].Node.Id, report.Feedback[1].Up, report.Feedback[1].Down));
    }

    [Fact]
    public void Nodes_never_reached_are_every_topic_and_sub_question_no_answer_showed()
    {
        var report = Report();
        var all = TestEvents.Knowledge.Topics.SelectMany(t => new[] { t }.Concat(t.Children)).Select(n => n.Id).ToList();

        Assert.Equal(all.Count - 4, report.NeverReached.Count);
        Assert.DoesNotContain(report.NeverReached, n => n.Id is "protection-of-civilians.scope" or "human-security" or "women-peace-security" or "children-armed-conflict");
        Assert.Contains(report.NeverReached, n => n.Id == "cultural-property-protection");
    }

    [Fact]
    public void Unanswered_questions_are_grouped_by_their_words_when_meaning_is_off_each_with_a_yaml_snippet()
    {
        var report = Report();

        Assert.Equal("word overlap", report.Grouping);
        Assert.Equal(1, report.UnansweredWithoutText);
        Assert.Equal(2, report.Unanswered.Count);
        Assert.All(report.Unanswered, g => Assert.Equal(2, g.Count));
        var canteen = Assert.Single(report.Unanswered, g => g.Phrasings.Any(p => p.Text.Contains("canteen", StringComparison.Ordinal)));
        Assert.Equal(2, canteen.Phrasings.Count);
        var civilians = Assert.Single(report.Unanswered, g => g.Phrasings.Any(p => p.Text.Contains("civilians", StringComparison.Ordinal)));
        Assert.Equal("protection-of-civilians", civilians.LikelyNode?.TopicId);
        Assert.Contains("examples:\n  en:\n    - \"how do we shield civilians from harm in operations\"\n", civilians.Snippet, StringComparison.Ordinal);
        Assert.Contains("# knowledge/protection-of-civilians.yaml", civilians.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_log_is_a_report_of_zeros_with_every_node_never_reached()
    {
        var report = ContentReportBuilder.Build(AnalyticsLog.Empty, TestEvents.Knowledge, new WordOverlapGrouper(), Since, Until, Until, "SQLite empty.db");

        Assert.Equal(0, report.Questions);
        Assert.All(report.Outcomes, o => Assert.Equal(0, o.Share));
        Assert.Empty(report.Unanswered);
        Assert.Equal(TestEvents.Knowledge.Topics.Sum(t => 1 + t.Children.Count), report.NeverReached.Count);
        foreach (var format in ReportFormats.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(ReportFormats.Render(report, format)));
        }
    }
}
