using BenchmarkDotNet.Running;
using PolicyBot.Benchmarks;

// `latency` prints per-question percentiles; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args is ["latency", ..])
{
    return LatencyReport.Run(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(MatcherBenchmarks).Assembly).Run(args);
return 0;
