using System.Text.Json;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Testing;
using Xunit.Abstractions;

namespace PolicyBot.Core.Tests.Dialog;

/// <summary>"What's new" across topics: recognised deterministically, without taking questions about one topic.</summary>
public sealed class WhatsNewTests(ITestOutputHelper output)
{
    private static readonly KnowledgeBase Knowledge = Matching.TestKnowledge.Real;
    private readonly DialogEngine _engine = new(Matching.TestKnowledge.Matcher());

    [Theory]
    [InlineData("What changed since 2021?", 2021, true)]
    [InlineData("latest updates", null, false)]
    [InlineData("What changed in 2023?", 2023, false)]
    [InlineData("What's new?", null, false)]
    [InlineData("whats new at NATO", null, false)]
    [InlineData("Any recent changes to the policies?", null, false)]
    [InlineData("what happened in 2024", 2024, false)]
    [InlineData("Show me the timeline", null, false)]
    [InlineData("what has been updated since 2022", 2022, true)]
    public void A_question_only_about_what_changed_is_whats_new(string question, int? year, bool since)
    {
        Assert.Equal(new WhatsNewRequest(year, since), WhatsNewQuestion.Parse(NavigationCommands.Simplify(question)));
    }

    [Theory]
    [InlineData("Quoi de neuf ?", null, false)]
    [InlineData("Qu'est-ce qui a changé depuis 2021 ?", 2021, true)]
    [InlineData("qu’est-ce qui a change en 2023", 2023, false)]
    [InlineData("Quelles sont les nouveautés ?", null, false)]
    [InlineData("les dernières mises à jour des politiques de l'OTAN", null, false)]
    [InlineData("Que s'est-il passé en 2024 ?", 2024, false)]
    public void A_French_question_only_about_what_changed_is_whats_new(string question, int? year, bool since)
    {
        Assert.Equal(new WhatsNewRequest(year, since), WhatsNewQuestion.Parse(NavigationCommands.Simplify(question)));
    }

    [Theory]
    [InlineData("Qu'est-ce qui a changé dans la politique FPS en 2024 ?")]
    [InlineData("la nouvelle politique sur la traite des êtres humains")]
    [InlineData("quelle est la mise en œuvre de la résolution 1325")]
    public void A_French_question_naming_anything_more_is_left_to_the_matcher(string question)
    {
        Assert.Null(WhatsNewQuestion.Parse(NavigationCommands.Simplify(question)));
    }

    [Theory]
    [InlineData("what changed in the trafficking policy in 2023")]
    [InlineData("what's new in the women peace and security policy endorsed at the Washington summit in 2024?")]
    [InlineData("Is the trafficking in human beings policy being updated?")]
    [InlineData("How do I update my security clearance?")]
    [InlineData("When do the new salary scales for NATO international civilians take effect?")]
    [InlineData("has the 2016 poc policy been revised or replaced since?")]
    [InlineData("what was adopted in 2016")]
    [InlineData("what changed between 2021 and 2023")]
    [InlineData("2023")]
    [InlineData("hello")]
    [InlineData("")]
    public void A_question_naming_anything_more_is_left_to_the_matcher(string question)
    {
        Assert.Null(WhatsNewQuestion.Parse(NavigationCommands.Simplify(question)));
    }

    [Fact]
    public void A_change_within_a_named_topic_keeps_that_topics_answer()
    {
        var turn = _engine.Respond(UserInput.FromText("what changed in the trafficking policy in 2023"), DialogContext.Start, Knowledge);

        Assert.Equal(ReplyKind.Node, turn.Reply.Kind);
        Assert.Equal("trafficking-in-human-beings", turn.Reply.Node!.TopicId);
    }

    [Fact]
    public void Latest_updates_is_the_timeline_not_one_topics_status()
    {
        // Before, "updates" made this the trafficking status answer.
        var context = new DialogContext { CurrentNodeId = "protection-of-civilians", History = ["human-security"], OfferedNodeIds = ["protection-of-civilians.scope"] };

        var turn = _engine.Respond(UserInput.FromText("latest updates"), context, Knowledge);

        Assert.Equal(ReplyKind.WhatsNew, turn.Reply.Kind);
        Assert.Same(Knowledge.Root, turn.Reply.Node);
        Assert.Equal(WhatsNewRequest.Everything, turn.Reply.WhatsNew);
        Assert.Equal(["human-security", "protection-of-civilians"], turn.Context.History);
        Assert.Null(turn.Context.CurrentNodeId);
        Assert.Empty(turn.Context.OfferedNodeIds);

        var back = _engine.Respond(UserInput.FromText("back"), turn.Context, Knowledge);
        Assert.Equal("protection-of-civilians", back.Reply.Node!.Id);
    }

    [Fact]
    public void A_named_year_filters_the_timeline()
    {
        var turn = _engine.Respond(UserInput.FromText("What changed in 2023?"), DialogContext.Start, Knowledge);
        Assert.Equal(new WhatsNewRequest(2023, Since: false), turn.Reply.WhatsNew);
        Assert.True(turn.Reply.WhatsNew!.Includes(2023));
        Assert.False(turn.Reply.WhatsNew.Includes(2024));
        Assert.True(new WhatsNewRequest(2022, Since: true).Includes(2024));
        Assert.False(new WhatsNewRequest(2022, Since: true).Includes(2021));
    }

    /// <summary>The dialog-level check of the evaluation sets: no labelled question becomes "what's new".</summary>
    [Theory]
    [InlineData("questions.dev.jsonl")]
    [InlineData("questions.scenarios.jsonl")]
    [InlineData("questions.fr.dev.jsonl")]
    [InlineData("heldout.jsonl")]
    [InlineData("heldout2.jsonl")]
    public void No_question_of_the_evaluation_sets_is_taken_for_whats_new(string file)
    {
        var path = file.StartsWith("heldout", StringComparison.Ordinal)
            ? Path.Combine(RepoPaths.Root, "tests", "PolicyBot.Core.Tests", "Matching", file)
            : RepoPaths.SharedFile("eval", file);
        var questions = File.ReadLines(path)
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
            .ToList();
        var taken = questions.Where(q => WhatsNewQuestion.Parse(NavigationCommands.Simplify(q)) is not null).ToList();
        output.WriteLine($"{file}: {taken.Count} of {questions.Count} taken for what's new");
        Assert.True(questions.Count > 30);
        Assert.Empty(taken);
    }
}
