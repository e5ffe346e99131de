using CsCheck;
using Moq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Core.Meaning;
using PolicyBot.Core.Tests.Knowledge;
using PolicyBot.Testing;
using TestKnowledge = PolicyBot.Core.Tests.Matching.TestKnowledge;

namespace PolicyBot.Core.Tests.Meaning;

public sealed class MeaningStageTests
{
    private static readonly KnowledgeBase Knowledge = TestKnowledge.Real;
    private static readonly Lazy<MeaningStage> LazyStage = new(() => SharedMeaning.Stage(Knowledge));

    private static MeaningStage Stage => LazyStage.Value;

    private static TwoStageMatcher Matcher(MeaningStage? stage = null) => new(TestKnowledge.Matcher(), stage ?? Stage);

    // Words the knowledge reacts to and words it does not, in any order: questions the property tests generate.
    private static readonly string[] Words =
    [
        "who", "must", "protect", "civilians", "children", "teenagers", "with", "rifles", "at", "the", "roadblock", "summit",
        "Madrid", "Wales", "2014", "defence", "spending", "data", "protection", "passports", "taken", "mosque", "shelled",
        "rape", "gender", "adviser", "policy", "what", "applies", "to", "us", "our", "base", "village", "football", "weather",
        "PoC", "CRSV", "1325", "trafficking", "heritage", "Vilnius", "when", "was", "it", "adopted", "?", "networks", "cyber",
    ];

    private static readonly Gen<string> Question = Gen.Int[0, Words.Length - 1].Array[1, 25]
        .Select(indexes => string.Join(' ', indexes.Select(i => Words[i])));

    [Fact]
    public void With_the_stage_off_every_outcome_is_the_keyword_trees()
    {
        var off = SharedMeaning.Stage(Knowledge, new MeaningOptions { Enabled = false });
        Assert.Equal(MeaningStageStatus.Off, off.Status);
        var keywords = TestKnowledge.Matcher();
        var matcher = Matcher(off);
        Question.Sample(question => AssertSameOutcome(keywords.Match(question, Knowledge), matcher.Match(question, Knowledge)), iter: 300, threads: 1);
    }

    [Fact]
    public void While_the_model_is_still_loading_every_outcome_is_the_keyword_trees()
    {
        var loading = new MeaningStage(Options.Create(new MeaningOptions()), NullLogger<MeaningStage>.Instance, () => throw new InvalidOperationException("never called"));
        Assert.Equal(MeaningStageStatus.Loading, loading.Status);
        var keywords = TestKnowledge.Matcher();
        Question.Sample(question => AssertSameOutcome(keywords.Match(question, Knowledge), Matcher(loading).Match(question, Knowledge)), iter: 100, threads: 1);
    }

    [Fact]
    public void A_model_that_fails_to_load_leaves_the_keyword_tree_and_says_why()
    {
        using var failing = new MeaningStage(Options.Create(new MeaningOptions()), NullLogger<MeaningStage>.Instance, () => throw new FileNotFoundException("model.onnx is missing"));
        failing.LoadNow(Knowledge);

        Assert.Equal(MeaningStageStatus.Failed, failing.Status);
        Assert.Contains("model.onnx is missing", failing.FailureReason, StringComparison.Ordinal);
        Assert.Null(failing.IndexFor(Knowledge));
        const string question = "teenagers with rifles guard the roadblock we pass every day";
        AssertSameOutcome(TestKnowledge.Matcher().Match(question, Knowledge), Matcher(failing).Match(question, Knowledge));
    }

    [Fact]
    public void The_held_out_set_written_after_tuning_stays_above_its_floor()
    {
        // 30 questions written at the end of the 2026-11-29 stop, never tuned on: then 80 % strict, 95 % within one
        // click, 3 % wrong answers. A floor, so a later change that loses generality shows.
        var file = Path.Combine(RepoPaths.Root, "tests", "PolicyBot.Core.Tests", "Matching", "heldout3.jsonl");
        var cases = Evaluation.Parse(File.ReadLines(file), Knowledge, out var errors);
        Assert.Empty(errors);
        var report = Evaluation.Run(cases, Matcher(), Knowledge);

        Assert.True(report.WithinOneClick >= 0.90, $"within one click {report.WithinOneClick:P1}");
        Assert.True(report.WrongAnswerRate <= 0.05, $"wrong answers {report.WrongAnswerRate:P1}");
        Assert.True(report.OutOfScopeAccuracy >= 0.85, $"out of scope {report.OutOfScopeAccuracy:P1}");
    }

    [Fact]
    public void An_index_that_cannot_be_built_leaves_the_keyword_tree_and_never_throws()
    {
        using var broken = new MeaningStage(Options.Create(new MeaningOptions { QuestionCacheSize = 0 }), NullLogger<MeaningStage>.Instance, () => new ThrowingEmbedder());
        broken.LoadNow(Knowledge);

        Assert.Equal(MeaningStageStatus.Ready, broken.Status);
        Assert.Null(broken.IndexFor(Knowledge));
        const string question = "insurgents are storing mortars inside an old mosque";
        AssertSameOutcome(TestKnowledge.Matcher().Match(question, Knowledge), Matcher(broken).Match(question, Knowledge));
    }

    [Fact]
    public void The_same_question_gets_the_same_outcome_every_time() =>
        Question.Sample(question =>
        {
            var first = Matcher().Match(question, Knowledge);
            var second = Matcher().Match(question, Knowledge);
            Assert.Equal(first.Outcome, second.Outcome);
            Assert.Same(first.Node, second.Node);
            Assert.Equal(first.Suggestions, second.Suggestions);
            Assert.Equal(first.ClosestExample, second.ClosestExample);
        }, iter: 40, threads: 1);

    [Theory]
    [InlineData("insurgents are storing mortars inside an old mosque", "cultural-property-protection")]
    [InlineData("the town's only water plant is next to the target, how careful must we be?", "protection-of-civilians")]
    [InlineData("a girl told our medic that fighters keep women as slaves in the camp", "conflict-related-sexual-violence")]
    public void A_question_in_other_words_reaches_its_topic_within_one_click(string question, string topic)
    {
        var result = Matcher().Match(question, Knowledge);

        Assert.Equal(MatchPath.Meaning, result.Via);
        Assert.True(
            result.Outcome == MatchOutcome.Answer && result.TopicId == topic || result.Suggestions.Take(3).Any(s => s.TopicId == topic),
            $"{question}: {result.Outcome} {result.TopicId}; suggested {string.Join(", ", result.Suggestions.Select(s => s.Id))}");
    }

    [Theory]
    [InlineData("des combattants entreposent des obus dans une vieille mosquée", "cultural-property-protection")]
    [InlineData("la centrale électrique de la ville est juste à côté de la cible, quelles précautions ?", "protection-of-civilians")]
    [InlineData("une fillette a raconté à notre infirmier que des miliciens gardent des femmes comme esclaves", "conflict-related-sexual-violence")]
    public void A_French_question_in_other_words_reaches_its_topic_within_one_click_through_its_English_gloss(string question, string topic)
    {
        var result = Matcher().Match(question, Knowledge, "fr");

        Assert.Equal(MatchPath.Meaning, result.Via);
        Assert.False(string.IsNullOrEmpty(result.Gloss));
        Assert.True(
            result.Outcome == MatchOutcome.Answer && result.TopicId == topic || result.Suggestions.Take(3).Any(s => s.TopicId == topic),
            $"{question} (read as \"{result.Gloss}\"): {result.Outcome} {result.TopicId}; suggested {string.Join(", ", result.Suggestions.Select(s => s.Id))}");
    }

    [Fact]
    public void Without_a_glossary_or_with_too_few_known_words_a_French_question_keeps_the_keyword_trees_outcome()
    {
        const string question = "des combattants entreposent des obus dans une vieille mosquée";
        Assert.NotNull(Matcher().Match(question, Knowledge, "fr").Gloss);

        var noGlossary = new KnowledgeBase(Knowledge.Root, Knowledge.Facets, Knowledge.Synonyms, Knowledge.ContentVersion, Knowledge.OutOfScopeExamples);
        using (var withoutGlossary = SharedMeaning.Stage(noGlossary))
        {
            var result = Matcher(withoutGlossary).Match(question, noGlossary, "fr");
            AssertSameOutcome(TestKnowledge.Matcher().Match(question, noGlossary, "fr"), result);
            Assert.Null(result.Gloss);
        }

        // The glossary knows "combattant", "obus", "vieux" and "mosquée" but not "entreposer": 4 of 5 content words.
        using var strict = SharedMeaning.Stage(Knowledge, new MeaningOptions { GlossMinimumCoverage = 0.9 });
        var strictResult = Matcher(strict).Match(question, Knowledge, "fr");
        AssertSameOutcome(TestKnowledge.Matcher().Match(question, Knowledge, "fr"), strictResult);
        Assert.Null(strictResult.Gloss);
    }

    [Fact]
    public void The_French_held_out_set_written_before_the_gloss_was_tuned_stays_above_its_floor()
    {
        // 30 questions written on 2026-11-30 before the glossary existed: keyword tree alone 66.7 % within one click
        // and 3.3 % wrong answers; with the gloss 95.8 % and 0 %. A floor, so a later change that loses generality shows.
        var file = Path.Combine(RepoPaths.Root, "tests", "PolicyBot.Core.Tests", "Meaning", "heldout.gloss.fr.jsonl");
        var cases = Evaluation.Parse(File.ReadLines(file), Knowledge, out var errors);
        Assert.Empty(errors);
        var report = Evaluation.Run(cases, Matcher(), Knowledge, "fr");

        Assert.True(report.WithinOneClick >= 0.90, $"within one click {report.WithinOneClick:P1}");
        Assert.True(report.WrongAnswerRate <= 0.05, $"wrong answers {report.WrongAnswerRate:P1}");
        Assert.True(report.OutOfScopeAccuracy >= 0.85, $"out of scope {report.OutOfScopeAccuracy:P1}");
    }

    [Theory]
    [InlineData("what did the Wales summit decide on defence spending")]
    [InlineData("what does the Partnership for Peace framework say about protecting our networks")]
    [InlineData("which data protection rules apply to civilian staff records")]
    [InlineData("Chicago summit 2012 missile defence")]
    [InlineData("warsaw summit readiness action plan")]
    [InlineData("what did the 2019 London meeting say about space as an operational domain")]
    public void A_near_domain_question_that_names_a_summit_or_a_generic_word_answers_no_topic(string question)
    {
        var result = Matcher().Match(question, Knowledge);

        Assert.NotEqual(MatchOutcome.Answer, result.Outcome);
    }

    [Fact]
    public void The_guard_turns_a_weak_keyword_answer_far_in_meaning_into_suggestions()
    {
        const string question = "Chicago summit 2012 missile defence";
        var keyword = TestKnowledge.Matcher().Match(question, Knowledge);
        Assert.Equal(MatchOutcome.Answer, keyword.Outcome);

        var result = Matcher().Match(question, Knowledge);

        Assert.Equal(MatchOutcome.Fallback, result.Outcome);
        Assert.Equal(MatchPath.Meaning, result.Via);
    }

    [Fact]
    public void A_strong_keyword_answer_is_never_second_guessed()
    {
        var keyword = TestKnowledge.Matcher().Match("who does the protection of civilians policy apply to?", Knowledge);
        var result = Matcher().Match("who does the protection of civilians policy apply to?", Knowledge);

        AssertSameOutcome(keyword, result);
        Assert.True(result.Score >= Stage.Options.GuardBelowScore);
    }

    [Fact]
    public void A_reload_with_new_examples_picks_them_up_and_names_the_closest_example()
    {
        using var folder = new TempKnowledge();
        var before = KnowledgeLoader.LoadDirectory(folder.Path).Knowledge!;
        const string example = "quartermaster zebra inventory ledger reconciliation";
        folder.Replace(
            "cultural-property-protection.yaml",
            "examples:\n  en:\n",
            $"examples:\n  en:\n    - \"{example}\"\n");
        var after = KnowledgeLoader.LoadDirectory(folder.Path).Knowledge!;
        var stage = SharedMeaning.Stage(before);

        Assert.DoesNotContain(MeaningIndex.TextsOf(before), t => t.Text == example);
        var index = stage.EnsureIndex(after)!;
        Assert.Contains(MeaningIndex.TextsOf(after), t => t.Text == example && t.NodeId == "cultural-property-protection");
        Assert.Same(after, index.Knowledge);

        var result = Matcher(stage).Match(example, after);
        Assert.Equal(MatchOutcome.Answer, result.Outcome);
        Assert.Equal("cultural-property-protection", result.TopicId);
        Assert.Equal(example, result.ClosestExample);
    }

    [Fact]
    public void The_vector_cache_is_reused_and_gives_the_same_vectors()
    {
        var folder = Path.Combine(Path.GetTempPath(), "policybot-cache-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cache = new EmbeddingCache(folder, SharedMeaning.Embedder.ModelId, SharedMeaning.Embedder.Dimensions);
            var first = MeaningIndex.Build(Knowledge, SharedMeaning.Embedder, cache, CancellationToken.None);
            var second = MeaningIndex.Build(Knowledge, SharedMeaning.Embedder, cache, CancellationToken.None);

            Assert.Equal(first.Count, first.Embedded);
            Assert.Equal(0, second.Embedded);
            var question = SharedMeaning.Embedder.Embed("kids with guns at the checkpoint", CancellationToken.None);
            Assert.Equal(first.Score(question).Nodes.Select(n => (n.Node.Id, n.Similarity)), second.Score(question).Nodes.Select(n => (n.Node.Id, n.Similarity)));

            // A damaged file is rebuilt, never trusted.
            File.WriteAllBytes(cache.FilePath, [1, 2, 3]);
            Assert.Empty(cache.Load());
            Assert.Equal(first.Count, MeaningIndex.Build(Knowledge, SharedMeaning.Embedder, cache, CancellationToken.None).Embedded);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Suggestions_are_numbered_before_the_topics_and_a_typed_number_opens_them()
    {
        var dialog = new DialogEngine(Matcher());
        var miss = dialog.Respond(UserInput.FromText("insurgents are storing mortars inside an old mosque"), DialogContext.Start, Knowledge);

        Assert.Equal(ReplyKind.Fallback, miss.Reply.Kind);
        Assert.NotEmpty(miss.Reply.Suggestions);
        Assert.Equal(miss.Reply.Suggestions.Select(s => s.Id).Concat(Knowledge.Topics.Select(t => t.Id)), miss.Context.OfferedNodeIds);

        var picked = dialog.Respond(UserInput.FromText("1"), miss.Context, Knowledge);
        Assert.Equal(ReplyKind.Node, picked.Reply.Kind);
        Assert.Same(miss.Reply.Suggestions[0], picked.Reply.Node);
    }

    [Fact]
    public void A_follow_up_stays_within_the_topic_under_discussion()
    {
        var dialog = new DialogEngine(Matcher());
        var topic = dialog.Respond(UserInput.FromText("protection of civilians"), DialogContext.Start, Knowledge);
        var followUp = dialog.Respond(UserInput.FromText("and who does it apply to?"), topic.Context, Knowledge);

        Assert.Equal("protection-of-civilians.scope", followUp.Reply.Node?.Id);
    }

    [Fact]
    public void Question_vectors_are_cached_by_hash_and_the_cache_stays_bounded()
    {
        var stage = SharedMeaning.Stage(Knowledge, new MeaningOptions { QuestionCacheSize = 3 });
        var first = stage.Embed("kids with guns at the checkpoint")!;

        Assert.Same(first, stage.Embed("kids with guns at the checkpoint"));
        for (var i = 0; i < 10; i++)
        {
            _ = stage.Embed($"question number {i}");
            Assert.InRange(stage.CachedQuestions, 1, 3);
        }

        Assert.Equal(first, stage.Embed("kids with guns at the checkpoint"));
    }

    [Fact]
    public void A_disambiguation_gains_the_topic_closest_in_meaning_when_the_keywords_missed_it()
    {
        const string question = "how do we keep the local population safe from our own operations?";
        MatchResult Asking(params string[] topics) =>
            new(MatchOutcome.Disambiguate, null, null, 8, 0.5, ["protection"], [.. topics.Select(t => new MatchCandidate(t, 4))]);
        var keywords = new Mock<IQuestionMatcher>();
        keywords.Setup(k => k.Match(question, Knowledge, "en")).Returns(Asking("children-armed-conflict", "cultural-property-protection"));

        var joined = new TwoStageMatcher(keywords.Object, Stage).Match(question, Knowledge);

        Assert.Equal(MatchOutcome.Disambiguate, joined.Outcome);
        Assert.Equal(["children-armed-conflict", "cultural-property-protection", "protection-of-civilians"], joined.Candidates.Select(c => c.TopicId));

        keywords.Setup(k => k.Match(question, Knowledge, "en")).Returns(Asking("protection-of-civilians", "cultural-property-protection"));
        Assert.Equal(2, new TwoStageMatcher(keywords.Object, Stage).Match(question, Knowledge).Candidates.Count);
    }

    /// <summary>A model that loads but fails on every sentence (as a corrupt ONNX session would).</summary>
    private sealed class ThrowingEmbedder : ISentenceEmbedder
    {
        public string ModelId => "broken";

        public int Dimensions => 384;

        public float[] Embed(string text, CancellationToken cancellationToken) => throw new InvalidOperationException("the session is broken");

        public void Dispose()
        {
        }
    }

    private static void AssertSameOutcome(MatchResult expected, MatchResult actual)
    {
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Same(expected.Node, actual.Node);
        Assert.Equal(expected.Facet, actual.Facet);
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(expected.MatchedTerms, actual.MatchedTerms);
        Assert.Equal(expected.Candidates, actual.Candidates);
        Assert.Empty(actual.Suggestions);
        Assert.Equal(MatchPath.Keywords, actual.Via);
    }
}
