namespace PolicyBot.LoadTest.Tests;

public sealed class LoadReportTests
{
    private static readonly MachineInfo Machine = new(2, 24_000, "test CPU", "0.00 0.00 0.00", ".NET 10", "abc1234 test");

    [Fact]
    public void The_throughput_ratio_is_the_median_of_each_rounds_own_ratio()
    {
        var report = Report([Round(1, 1000, 900), Round(2, 1200, 600), Round(3, 800, 720)], []);

        // Ratios 0.90, 0.50, 0.90: the median is 0.90 though the medians of throughput alone would give 720/1000.
        Assert.Equal(0.90, report.MedianRatio, 3);
        Assert.Contains("| **PolicyBot / echo** | **0.90** |", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_are_met_or_missed_in_plain_words()
    {
        var met = Report([Round(1, 1000, 850)], [Checkpoint(10_000, 100_000), Checkpoint(100_000, 105_000)]);
        var missed = Report([Round(1, 1000, 700)], [Checkpoint(10_000, 100_000), Checkpoint(100_000, 120_000)]);

        Assert.True(met.AllTargetsMet);
        Assert.Contains("- Throughput ≥ 0.80 × echo: met (0.85)", met.ToMarkdown(), StringComparison.Ordinal);
        Assert.False(missed.AllTargetsMet);
        Assert.Contains("- Throughput ≥ 0.80 × echo: **MISSED** (0.70)", missed.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("**MISSED** (+20.0%)", missed.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_growth_is_from_the_first_to_the_last_checkpoint() =>
        Assert.Equal(0.05, Report([Round(1, 1, 1)], [Checkpoint(10, 200), Checkpoint(100, 210)]).MemoryGrowth!.Value, 6);

    [Fact]
    public void Memory_growth_is_not_claimed_when_a_checkpoint_was_not_reached()
    {
        var report = Report([Round(1, 1, 1)], [Checkpoint(10, 200), new MemoryCheckpoint(100, 50, 0, 210, 210)]);

        Assert.Null(report.MemoryGrowth);
        Assert.False(report.AllTargetsMet);
        Assert.Contains("50 (time limit hit before 100)", report.ToMarkdown(), StringComparison.Ordinal);
    }

    private static LoadReport Report(IReadOnlyList<Round> rounds, IReadOnlyList<MemoryCheckpoint> memory) =>
        new(DateTimeOffset.UnixEpoch, Machine, LoadTestSettings.Parse([]), "/x/questions.dev.jsonl", 140, rounds, memory, "0.00 0.00 0.00");

    private static Round Round(int number, int echoTurns, int policyTurns) =>
        new(number, Run(echoTurns), Run(policyTurns));

    private static BotRun Run(int turnsInOneSecond) => new(
        new RunResult(turnsInOneSecond, 0, TimeSpan.FromSeconds(1), new LatencyStats([1, 2, 3]), []),
        TimeSpan.FromMilliseconds(900),
        null,
        TimeSpan.FromMilliseconds(800),
        TimeSpan.FromMilliseconds(turnsInOneSecond));

    private static MemoryCheckpoint Checkpoint(int turns, long rssKb) => new(turns, turns, 0, rssKb, rssKb);
}
