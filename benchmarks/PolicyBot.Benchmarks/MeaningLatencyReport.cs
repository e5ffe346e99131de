using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Benchmarks;

/// <summary>
/// `meaning`: what the meaning stage costs, each figure beside the keyword tree's measured in the same run: model
/// load, index build (cold, and warm from the vector cache) for the real knowledge and for synthetic knowledge,
/// and per-question latency of the two-stage matcher against the keyword tree alone on the dev questions (with the
/// question-vector cache, as the bot runs, and without it: a question seen for the first time).
/// </summary>
internal static class MeaningLatencyReport
{
    private const int Rounds = 20;

    public static int Run(string[] args, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        var syntheticTopics = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) ? n : 1_000;
        var cache = Path.Combine(Path.GetTempPath(), "policybot-bench-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var real = BenchmarkData.RealKnowledge();
            var load = Stopwatch.StartNew();
            // One model for the whole report (it is 250 MB): the first stage loads it, the rest borrow it.
            MiniLmEmbedder? embedder = null;
            using var stage = new MeaningStage(Options.Create(new MeaningOptions { CachePath = cache }), NullLogger<MeaningStage>.Instance, () => embedder = new MiniLmEmbedder());
            stage.LoadNow(real);
            load.Stop();
            output.WriteLine(string.Format(culture, "model load + first index build (cold): {0:0} ms", load.Elapsed.TotalMilliseconds));

            Build("real", real, embedder!, cache, output, culture);
            var synthetic = SyntheticKnowledge.Create(syntheticTopics).Knowledge;
            Build($"synthetic ({syntheticTopics:N0} topics)", synthetic, embedder!, cache, output, culture);

            var keywords = PolicyMatcher.Create();
            // Not disposed: it borrows the first stage's model, which that stage disposes.
            var uncachedStage = new MeaningStage(Options.Create(new MeaningOptions { CachePath = cache, QuestionCacheSize = 0 }), NullLogger<MeaningStage>.Instance, () => embedder!);
            uncachedStage.LoadNow(real);
            Compare("dev questions", BenchmarkData.DevQuestions(), Languages.English, real, keywords, stage, uncachedStage, output, culture);

            // French questions reach the English model through their gloss (knowledge/glossary.yaml).
            var french = BenchmarkData.FrenchDevQuestions();
            Compare("French dev questions", french, Languages.French, real, keywords, stage, uncachedStage, output, culture);
            var gloss = QuestionGloss.For(real, Languages.French)!;
            var glossTimes = Time(question => gloss.Gloss(question), french);
            Print($"the gloss alone ({gloss.Count:N0} entries)", glossTimes, output, culture);
            return 0;
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }

    /// <summary>The keyword tree alone against keywords then meaning, on the same questions in the same run.</summary>
    private static void Compare(string name, string[] questions, string language, KnowledgeBase real, PolicyMatcher keywords, MeaningStage stage, MeaningStage uncachedStage, TextWriter output, CultureInfo culture)
    {
        var keywordsOnly = new LatencyReport.LanguageMatcher(keywords, language);
        var twoStage = new TwoStageMatcher(keywords, stage);
        var inLanguage = new LatencyReport.LanguageMatcher(twoStage, language);
        var keywordTimes = Time(keywordsOnly, real, questions);
        var twoStageTimes = Time(inLanguage, real, questions);
        var reached = questions.Where(q => twoStage.NeedsMeaning(keywords.Match(q, real, language))).ToArray();
        var meaningTimes = Time(inLanguage, real, reached.Length > 0 ? reached : questions);
        // The same questions with the question-vector cache off: what a question seen for the first time costs.
        var uncachedTimes = Time(new LatencyReport.LanguageMatcher(new TwoStageMatcher(keywords, uncachedStage), language), real, reached.Length > 0 ? reached : questions, rounds: 3);
        output.WriteLine($"matcher ({name}, {questions.Length})".PadRight(35) + "p50          p99        mean");
        Print("keyword tree alone", keywordTimes, output, culture);
        Print("keywords, then meaning", twoStageTimes, output, culture);
        Print($"questions that reach meaning ({reached.Length})", meaningTimes, output, culture);
        Print("... seen for the first time", uncachedTimes, output, culture);
        output.WriteLine(string.Format(culture, "ratio two-stage / keywords: p50 {0:0.00}, p99 {1:0.00}", Percentile(twoStageTimes, 0.5) / Percentile(keywordTimes, 0.5), Percentile(twoStageTimes, 0.99) / Percentile(keywordTimes, 0.99)));
    }

    private static void Build(string name, KnowledgeBase knowledge, MiniLmEmbedder embedder, string cacheFolder, TextWriter output, CultureInfo culture)
    {
        var folder = Path.Combine(cacheFolder, name.Split(' ')[0]);
        var cache = new EmbeddingCache(folder, embedder.ModelId, embedder.Dimensions);
        var cold = Stopwatch.StartNew();
        var index = MeaningIndex.Build(knowledge, embedder, cache, CancellationToken.None);
        cold.Stop();
        var warm = Stopwatch.StartNew();
        _ = MeaningIndex.Build(knowledge, embedder, cache, CancellationToken.None);
        warm.Stop();
        output.WriteLine(string.Format(
            culture,
            "index {0}: {1:N0} texts; cold {2:0} ms ({3:0.00} ms a text), warm from the cache {4:0} ms (ratio {5:0.000})",
            name,
            index.Count,
            cold.Elapsed.TotalMilliseconds,
            cold.Elapsed.TotalMilliseconds / Math.Max(1, index.Count),
            warm.Elapsed.TotalMilliseconds,
            warm.Elapsed.TotalMilliseconds / cold.Elapsed.TotalMilliseconds));
    }

    private static double[] Time(IQuestionMatcher matcher, KnowledgeBase knowledge, string[] questions, int rounds = Rounds) =>
        Time(question => matcher.Match(question, knowledge), questions, rounds);

    /// <summary>One warm-up pass, then every call timed; sorted, for percentiles.</summary>
    private static double[] Time(Func<string, object> run, string[] questions, int rounds = Rounds)
    {
        foreach (var question in questions)
        {
            _ = run(question);
        }

        var samples = LatencyReport.TimeEach(run, questions, rounds);
        Array.Sort(samples);
        return samples;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];

    private static void Print(string name, double[] sorted, TextWriter output, CultureInfo culture) =>
        output.WriteLine(string.Format(culture, "{0,-32} {1,9:0.0} µs {2,9:0.0} µs {3,9:0.0} µs", name, Percentile(sorted, 0.5), Percentile(sorted, 0.99), sorted.Average()));
}
