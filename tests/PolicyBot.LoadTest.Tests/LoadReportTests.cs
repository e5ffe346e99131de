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
    public void The_like_for_like_ratio_is_reported_beside_the_target_but_the_target_stays_on_the_bare_echo_bot()
    {
        var report = Report([Round(1, 1000, 1100, 2000), Round(2, 1000, 1200, 2500)], []);
        var markdown = report.ToMarkdown();

        Assert.Equal(1.15, report.MedianRatio, 3);
        Assert.Equal(0.515, report.MedianLikeForLikeRatio!.Value, 3);
        Assert.True(report.AllTargetsMet);
        Assert.Contains("| PolicyBot / echo reusing clients | 0.52 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| echo bot reusing clients | 2,250 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | 1,000 | 1,100 | 1.10 | 2,000 (0.55) |", markdown, StringComparison.Ordinal);
        Assert.Contains("- Throughput ≥ 0.80 × echo: met (1.15)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_like_for_like_echo_bot_the_report_has_no_such_row()
    {
        var report = Report([Round(1, 1000, 900)], []);

        Assert.Null(report.MedianLikeForLikeRatio);
        Assert.DoesNotContain("reusing clients |", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("| 1 | 1,000 | 900 | 0.90 | - |", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_of_the_like_for_like_echo_bot_count_too()
    {
        var failing = Run(2000) with { Run = new RunResult(1990, 10, TimeSpan.FromSeconds(1), new LatencyStats([1, 2, 3]), ["HTTP 500: boom"]) };
        var report = Report([new Round(1, Run(1000), Run(900), failing)], []);

        Assert.Equal(10, report.TotalErrors);
        Assert.False(report.AllTargetsMet);
        Assert.Contains("- echo bot reusing clients: HTTP 500: boom", report.ToMarkdown(), StringComparison.Ordinal);
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

    [Fact]
    public void The_analytics_on_row_has_its_own_ratio_against_the_bare_echo_bot_and_its_own_target()
    {
        var met = Report([Round(1, 1000, 900) with { PolicyBotAnalytics = Run(850) }, Round(2, 1000, 900) with { PolicyBotAnalytics = Run(830) }], []);
        var missed = Report([Round(1, 1000, 900) with { PolicyBotAnalytics = Run(700) }], []);
        var markdown = met.ToMarkdown();

        Assert.Equal(0.84, met.MedianAnalyticsRatio!.Value, 3);
        Assert.True(met.AllTargetsMet);
        Assert.Contains("| **PolicyBot, analytics on / echo** | **0.84** |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | 1,000 | 900 | 0.90 | - |", markdown, StringComparison.Ordinal);
        Assert.Contains(" 850 (0.85), 0, 1.000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("- Throughput with analytics on ≥ 0.80 × echo: met (0.84)", markdown, StringComparison.Ordinal);
        Assert.False(missed.AllTargetsMet);
        Assert.Contains("- Throughput with analytics on ≥ 0.80 × echo: **MISSED** (0.70)", missed.ToMarkdown(), StringComparison.Ordinal);
        Assert.Null(Report([Round(1, 1000, 900)], []).MedianAnalyticsRatio);
    }

    private static LoadReport Report(IReadOnlyList<Round> rounds, IReadOnlyList<MemoryCheckpoint> memory) =>
        new(DateTimeOffset.UnixEpoch, Machine, LoadTestSettings.Parse([]), "/x/questions.dev.jsonl", 140, rounds, memory, "0.00 0.00 0.00");

    private static Round Round(int number, int echoTurns, int policyTurns, int? echoReusingTurns = null) =>
        new(number, Run(echoTurns), Run(policyTurns), echoReusingTurns is { } reusing ? Run(reusing) : null);

    private static BotRun Run(int turnsInOneSecond) => new(
        new RunResult(turnsInOneSecond, 0, TimeSpan.FromSeconds(1), new LatencyStats([1, 2, 3]), []),
        TimeSpan.FromMilliseconds(900),
        null,
        TimeSpan.FromMilliseconds(800),
        TimeSpan.FromMilliseconds(turnsInOneSecond));

    private static MemoryCheckpoint Checkpoint(int turns, long rssKb) => new(turns, turns, 0, rssKb, rssKb);
}
