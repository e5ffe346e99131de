using BenchmarkDotNet.Running;
using PolicyBot.Benchmarks;

// `latency` prints per-question percentiles; `meaning [SYNTHETIC_TOPICS]` the meaning stage's costs; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args is ["latency", ..])
{
    return LatencyReport.Run(Console.Out);
}

if (args is ["meaning", ..])
{
    return MeaningLatencyReport.Run(args, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(MatcherBenchmarks).Assembly).Run(args);
return 0;
