using PolicyBot.Analytics.Recording;
using PolicyBot.Core;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Matching;

namespace PolicyBot.Analytics.Tests;

/// <summary>What is kept of a turn: every turn's outcome, the question only where content owners need it, never who.</summary>
public sealed class AnalyticsEventFactoryTests
{
    private static readonly ConversationHasher Hasher = new(Enumerable.Repeat((byte)7, 32).ToArray());
    private bool _keepText = true;
    private readonly AnalyticsEventFactory _factory;
    private readonly List<AnswerEvent> _answers = [];
    private readonly List<FeedbackEntry> _feedback = [];

    public AnalyticsEventFactoryTests() => _factory = new AnalyticsEventFactory(Hasher, () => _keepText, recentCapacity: 3, recentFor: TimeSpan.FromMinutes(30));

    private void Turn(UserInput input, AssistantEvent assistantEvent, string conversation = "conversation-1", DateTimeOffset? time = null) =>
        _factory.Add(new TurnObservation(time ?? TestEvents.Monday, "msteams", conversation, input, [assistantEvent]), _answers, _feedback);

    private static TurnEvent Answered(string node, UserInputKind input = UserInputKind.Text) =>
        new(ReplyKind.Node, input, "v1") { NodeId = node, TopicId = node.Split('.')[0], Score = 12.3456, Path = MatchPath.Keywords };

    [Fact]
    public void An_answer_keeps_outcome_node_score_path_language_and_a_hash_of_the_conversation_but_not_the_question()
    {
        Turn(UserInput.FromText("who does the PoC policy apply to"), Answered("protection-of-civilians.scope") with { Language = "fr" });

        var answer = Assert.Single(_answers);
        Assert.Equal(Outcomes.Answer, answer.Outcome);
        Assert.Equal("protection-of-civilians.scope", answer.NodeId);
        Assert.Equal("protection-of-civilians", answer.TopicId);
        Assert.Equal(12.346, answer.Score);
        Assert.Equal("keywords", answer.Path);
        Assert.Equal("fr", answer.Language);
        Assert.Equal(Inputs.Text, answer.Input);
        Assert.Equal("msteams", answer.Channel);
        Assert.Null(answer.Question);
        Assert.Equal(Hasher.Hash("conversation-1"), answer.ConversationHash);
        Assert.Equal(32, answer.ConversationHash.Length);
        Assert.DoesNotContain("conversation-1", answer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fallback_keeps_the_redacted_question_and_a_fallback_with_meaning_suggestions_counts_as_suggestions()
    {
        Turn(UserInput.FromText("football scores for jo@example.org"), new TurnEvent(ReplyKind.Fallback, UserInputKind.Text, "v1"));
        Turn(UserInput.FromText("kids carrying rifles at a checkpoint"), new TurnEvent(ReplyKind.Fallback, UserInputKind.Text, "v1") { Suggestions = ["children-armed-conflict"], Path = MatchPath.Meaning });
        Turn(UserInput.FromText("protection"), new TurnEvent(ReplyKind.Disambiguation, UserInputKind.Text, "v1"));

        Assert.Equal([Outcomes.Fallback, Outcomes.Suggestions, Outcomes.Disambiguation], _answers.Select(a => a.Outcome));
        Assert.Equal(["football scores for [email]", "kids carrying rifles at a checkpoint", null], _answers.Select(a => a.Question));
    }

    [Fact]
    public void With_KeepUnansweredText_off_no_question_is_kept_anywhere()
    {
        _keepText = false;
        Turn(UserInput.FromText("football scores"), new TurnEvent(ReplyKind.Fallback, UserInputKind.Text, "v1"));
        Turn(UserInput.FromText("who does the PoC policy apply to"), Answered("protection-of-civilians.scope"));
        Turn(UserInput.FromSubmit(SubmitActions.Feedback, "protection-of-civilians.scope", "down"), new FeedbackEvent("protection-of-civilians.scope", "protection-of-civilians", "down", "v1"));

        Assert.Null(_answers[0].Question);
        Assert.Null(Assert.Single(_feedback).Question);
        Assert.Equal(0, _factory.HeldQuestions);
    }

    [Fact]
    public void A_thumbs_down_gets_the_question_that_produced_the_rated_answer_in_that_conversation_only()
    {
        Turn(UserInput.FromText("who is covered by PoC, ask +32 2 707 41 11"), Answered("protection-of-civilians.scope"));
        Turn(UserInput.FromText("who is covered by PoC"), Answered("protection-of-civilians.scope"), conversation: "someone-else");
        Turn(UserInput.FromSubmit(SubmitActions.Feedback, "protection-of-civilians.scope", "down"), new FeedbackEvent("protection-of-civilians.scope", "protection-of-civilians", "down", "v1"));
        Turn(UserInput.FromSubmit(SubmitActions.Feedback, "protection-of-civilians.scope", "up"), new FeedbackEvent("protection-of-civilians.scope", "protection-of-civilians", "up", "v1"));
        Turn(UserInput.FromSubmit(SubmitActions.Feedback, "human-security", "down"), new FeedbackEvent("human-security", "human-security", "down", "v1"));

        Assert.Equal(["who is covered by PoC, ask [phone]", null, null], _feedback.Select(f => f.Question));
        Assert.Equal([Ratings.Down, Ratings.Up, Ratings.Down], _feedback.Select(f => f.Rating));
    }

    [Fact]
    public void The_held_questions_are_bounded_in_number_and_in_time()
    {
        for (var i = 0; i < 10; i++)
        {
            Turn(UserInput.FromText($"question {i}"), Answered("human-security"), conversation: $"c{i}");
        }

        Assert.Equal(3, _factory.HeldQuestions);
        Turn(UserInput.FromSubmit(SubmitActions.Feedback, "human-security", "down"), new FeedbackEvent("human-security", "human-security", "down", "v1"), conversation: "c9", time: TestEvents.Monday.AddHours(1));

        Assert.Null(Assert.Single(_feedback).Question);
        Assert.Equal(0, _factory.HeldQuestions);
    }

    [Fact]
    public void The_note_after_a_thumbs_down_is_kept_redacted_and_cut_and_an_empty_one_is_not_kept()
    {
        Turn(UserInput.FromSubmit(SubmitActions.FeedbackComment, "human-security", "the date it applies from; mail me at a.b@example.org " + new string('x', 600)), new FeedbackCommentEvent("human-security", "human-security", "v1"));
        Turn(UserInput.FromSubmit(SubmitActions.FeedbackComment, "human-security", "   "), new FeedbackCommentEvent("human-security", "human-security", "v1"));

        var note = Assert.Single(_feedback);
        Assert.Equal(Ratings.Comment, note.Rating);
        Assert.StartsWith("the date it applies from; mail me at [email] xxx", note.Comment, StringComparison.Ordinal);
        Assert.Equal(QuestionRedactor.MaxLength + 1, note.Comment!.Length);
    }

    [Fact]
    public void Clicks_welcome_and_commands_are_turns_with_their_input_and_no_text()
    {
        Turn(UserInput.Welcome, new TurnEvent(ReplyKind.Welcome, UserInputKind.Welcome, "v1"));
        Turn(UserInput.FromSubmit(SubmitActions.Node, "human-security"), Answered("human-security", UserInputKind.Submit));
        Turn(UserInput.FromText("help"), new TurnEvent(ReplyKind.Help, UserInputKind.Text, "v1"));
        Turn(UserInput.FromText("what changed since 2021"), new TurnEvent(ReplyKind.WhatsNew, UserInputKind.Text, "v1") { NodeId = "root" });

        Assert.Equal([(Inputs.Welcome, "welcome"), (Inputs.Click, Outcomes.Answer), (Inputs.Text, "help"), (Inputs.Text, Outcomes.Answer)], _answers.Select(a => (a.Input, a.Outcome)));
        Assert.All(_answers, a => Assert.Null(a.Question));
    }
}
