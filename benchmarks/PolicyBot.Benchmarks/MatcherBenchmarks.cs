using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Benchmarks;

/// <summary>Adds the tail to BenchmarkDotNet's table; per-question p99 comes from the `latency` mode (see README).</summary>
public sealed class TailConfig : ManualConfig
{
    public TailConfig() => AddColumn(StatisticColumn.P95, StatisticColumn.Max);
}

/// <summary>One operation = matching one question; each invocation runs the whole question set.</summary>
[MemoryDiagnoser]
[Config(typeof(TailConfig))]
public class MatcherBenchmarks
{
    private const int QuestionsPerInvoke = 200;

    private readonly PolicyMatcher _matcher = PolicyMatcher.Create();
    private KnowledgeBase _knowledge = null!;
    private string[] _questions = [];

    [Params("real", "synthetic-10000")]
    public string KnowledgeBase { get; set; } = "real";

    [GlobalSetup]
    public void Setup()
    {
        if (KnowledgeBase == "real")
        {
            _knowledge = BenchmarkData.RealKnowledge();
            _questions = BenchmarkData.Cycle(BenchmarkData.DevQuestions(), QuestionsPerInvoke);
        }
        else
        {
            var synthetic = SyntheticKnowledge.Create(BenchmarkData.SyntheticTopics);
            _knowledge = synthetic.Knowledge;
            _questions = BenchmarkData.Cycle([.. synthetic.Questions.Take(QuestionsPerInvoke / 2), .. BenchmarkData.DevQuestions().Take(QuestionsPerInvoke / 2)], QuestionsPerInvoke);
        }

        // The index is built once per snapshot; build it here, not in the first measured call.
        _ = _matcher.Match("warm up", _knowledge);
    }

    [Benchmark(OperationsPerInvoke = QuestionsPerInvoke)]
    public double Match()
    {
        var total = 0.0;
        foreach (var question in _questions)
        {
            total += _matcher.Match(question, _knowledge).Score;
        }

        return total;
    }
}
