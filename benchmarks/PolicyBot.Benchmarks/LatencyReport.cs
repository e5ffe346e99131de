using System.Diagnostics;
using System.Globalization;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;

namespace PolicyBot.Benchmarks;

/// <summary>
/// `latency`: times every single match (not averages of batches) to report the true per-question p50/p99/max,
/// the bytes allocated per match, and how long building the indexes takes (both languages' at once). The real
/// knowledge base is timed with the English and with the French dev set.
/// </summary>
internal static class LatencyReport
{
    private const int Rounds = 300;

    public static int Run(TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine("knowledge base          index build   mean      p50       p99       max       alloc/match");
        var real = BenchmarkData.RealKnowledge();
        var dev = BenchmarkData.DevQuestions();
        Measure("real (7 topics)", real, dev, Languages.English, output, culture);
        Measure("real, French questions", real, BenchmarkData.FrenchDevQuestions(), Languages.French, output, culture);
        var synthetic = SyntheticKnowledge.Create(BenchmarkData.SyntheticTopics);
        Measure("synthetic (10,000)", synthetic.Knowledge, [.. synthetic.Questions, .. dev], Languages.English, output, culture);
        return 0;
    }

    private static void Measure(string name, KnowledgeBase knowledge, string[] questions, string language, TextWriter output, CultureInfo culture)
    {
        var matcher = new LanguageMatcher(PolicyMatcher.Create(), language);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        _ = MatcherIndex.For(knowledge, language);
        build.Stop();
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;

        for (var warm = 0; warm < 20; warm++)
        {
            foreach (var question in questions)
            {
                _ = matcher.Match(question, knowledge);
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var samples = TimeEach(matcher, knowledge, questions, Rounds);

        if (Environment.GetEnvironmentVariable("LATENCY_SLOWEST") == "1")
        {
            var slowest = questions.Select(q =>
            {
                var times = Enumerable.Range(0, 50).Select(i => { var t = Stopwatch.GetTimestamp(); matcher.Match(q, knowledge); return Stopwatch.GetElapsedTime(t).TotalMicroseconds; }).Order().ToList();
                return (Question: q, Median: times[25]);
            }).OrderByDescending(x => x.Median).Take(8);
            foreach (var (question, median) in slowest)
            {
                output.WriteLine(string.Format(culture, "    {0,7:0.0} µs  {1}", median, question));
            }
        }

        var bytesPerMatch = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)samples.Length;
        var medians = QuestionMedians(samples, questions.Length);
        Array.Sort(samples);
        output.WriteLine(string.Format(
            culture,
            "{0,-22}  {1,8:0} ms  {2,6:0.0} µs  {3,6:0.0} µs  {4,6:0.0} µs  {5,6:0.0} µs  {6,6:0} B",
            name,
            build.Elapsed.TotalMilliseconds,
            samples.Average(),
            samples[samples.Length / 2],
            samples[(int)(samples.Length * 0.99)],
            samples[^1],
            bytesPerMatch));
        output.WriteLine(string.Format(culture, "{0,-22}  index size {1:0.0} MB, {2} typo-tolerant words", string.Empty, indexBytes / 1e6, MatcherIndex.For(knowledge, language).Typos.WordCount));
        output.WriteLine(string.Format(
            culture,
            "{0,-22}  per-question medians: p50 {1:0.0} µs, p99 {2:0.0} µs, max {3:0.0} µs",
            string.Empty,
            medians[medians.Length / 2],
            medians[(int)(medians.Length * 0.99)],
            medians[^1]));
    }

    /// <summary>Every single match timed, in µs, round after round over the questions (unsorted: round-major order).</summary>
    internal static double[] TimeEach(IQuestionMatcher matcher, KnowledgeBase knowledge, string[] questions, int rounds) =>
        TimeEach(question => matcher.Match(question, knowledge), questions, rounds);

    /// <summary>Every single call of <paramref name="run"/> timed, in µs, round after round over the questions (round-major order).</summary>
    internal static double[] TimeEach(Func<string, object> run, string[] questions, int rounds)
    {
        var samples = new double[rounds * questions.Length];
        var n = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var question in questions)
            {
                var start = Stopwatch.GetTimestamp();
                _ = run(question);
                samples[n++] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        return samples;
    }

    /// <summary>
    /// Each question's median over the rounds, sorted: what each question costs, without the single samples that a
    /// busy machine pre-empted (on a shared machine those set the p99 of all samples).
    /// </summary>
    private static double[] QuestionMedians(double[] samples, int questionCount)
    {
        var medians = new double[questionCount];
        var own = new double[Rounds];
        for (var q = 0; q < questionCount; q++)
        {
            for (var round = 0; round < Rounds; round++)
            {
                own[round] = samples[(round * questionCount) + q];
            }

            Array.Sort(own);
            medians[q] = own[Rounds / 2];
        }

        Array.Sort(medians);
        return medians;
    }

    /// <summary>Matches every question in one language (what the two-argument Match of the timing loops calls).</summary>
    /// <summary>Matches every question in one language, whatever the caller passes (the timing loops pass none).</summary>
    internal sealed class LanguageMatcher(IQuestionMatcher inner, string language) : IQuestionMatcher
    {
        public MatchResult Match(string question, KnowledgeBase knowledge, string _) => inner.Match(question, knowledge, language);
    }
}
