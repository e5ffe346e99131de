using System.Globalization;
using System.Text;

namespace PolicyBot.LoadTest;

/// <summary>One bot's measured run in one round, with the start-up of the process it ran in.</summary>
internal sealed record BotRun(RunResult Run, TimeSpan FirstAnswer, TimeSpan? Healthy, TimeSpan StartupCpu, TimeSpan RunCpu)
{
    /// <summary>The bot's CPU time per turn in the measured run: its cost, whatever else the machine is doing.</summary>
    public double CpuMsPerTurn => Run.Answered + Run.Errors > 0 ? RunCpu.TotalMilliseconds / (Run.Answered + Run.Errors) : double.NaN;
}

/// <summary>
/// The bots measured back to back, so they share the machine's conditions: the bare echo bot (the baseline of the
/// target), optionally the echo bot with PolicyBot's reuse of the SDK's per-turn clients (like for like), PolicyBot.
/// </summary>
internal sealed record Round(int Number, BotRun Echo, BotRun PolicyBot, BotRun? EchoReusingClients = null, BotRun? PolicyBotAnalytics = null)
{
    public double ThroughputRatio => Ratio(PolicyBot, Echo);

    /// <summary>PolicyBot recording every turn for the content owners (SQLite, in the background) against the bare echo bot.</summary>
    public double? AnalyticsRatio => PolicyBotAnalytics is { } analytics ? Ratio(analytics, Echo) : null;

    /// <summary>PolicyBot against an echo bot with the same client reuse: what PolicyBot's own work costs.</summary>
    public double? LikeForLikeRatio => EchoReusingClients is { } reusing ? Ratio(PolicyBot, reusing) : null;

    private static double Ratio(BotRun bot, BotRun baseline) =>
        baseline.Run.TurnsPerSecond > 0 ? bot.Run.TurnsPerSecond / baseline.Run.TurnsPerSecond : double.NaN;
}

/// <summary>PolicyBot's resident memory after a number of turns in one process.</summary>
internal sealed record MemoryCheckpoint(int TargetTurns, int TurnsDone, int Errors, long RssKb, long PeakRssKb)
{
    public bool Reached => TurnsDone >= TargetTurns;
}

/// <summary>The targets of issue #8.</summary>
internal static class Targets
{
    public const double MinThroughputRatio = 0.80;
    public const double MaxStartupMs = 2_000;
    public const double MaxMemoryGrowth = 0.10;
}

internal sealed record LoadReport(
    DateTimeOffset Taken,
    MachineInfo Machine,
    LoadTestSettings Settings,
    string QuestionsPath,
    int QuestionCount,
    IReadOnlyList<Round> Rounds,
    IReadOnlyList<MemoryCheckpoint> Memory,
    string LoadAverageAtEnd)
{
    public double MedianRatio => Percentiles.Median(Rounds.Select(r => r.ThroughputRatio));

    public double? MedianLikeForLikeRatio =>
        Rounds.Count > 0 && Rounds.All(r => r.LikeForLikeRatio is not null) ? Percentiles.Median(Rounds.Select(r => r.LikeForLikeRatio!.Value)) : null;

    public double? MedianAnalyticsRatio =>
        Rounds.Count > 0 && Rounds.All(r => r.AnalyticsRatio is not null) ? Percentiles.Median(Rounds.Select(r => r.AnalyticsRatio!.Value)) : null;

    public int TotalErrors => Rounds.Sum(r => r.Echo.Run.Errors + r.PolicyBot.Run.Errors + (r.EchoReusingClients?.Run.Errors ?? 0) + (r.PolicyBotAnalytics?.Run.Errors ?? 0)) + Memory.Sum(m => m.Errors);

    public double PolicyBotStartupMs => Percentiles.Median(Rounds.Select(r => r.PolicyBot.FirstAnswer.TotalMilliseconds));

    /// <summary>RSS growth from the first to the last checkpoint, or null when there are fewer than two reached.</summary>
    public double? MemoryGrowth =>
        Memory.Count >= 2 && Memory.All(m => m.Reached) && Memory[0].RssKb > 0 ? (double)(Memory[^1].RssKb - Memory[0].RssKb) / Memory[0].RssKb : null;

    public bool AllTargetsMet =>
        MedianRatio >= Targets.MinThroughputRatio && TotalErrors == 0 && PolicyBotStartupMs < Targets.MaxStartupMs
        && (MedianAnalyticsRatio is not { } analytics || analytics >= Targets.MinThroughputRatio)
        && (Memory.Count == 0 || MemoryGrowth is { } growth && growth <= Targets.MaxMemoryGrowth);

    public string ToMarkdown()
    {
        var s = Settings;
        var likeForLike = MedianLikeForLikeRatio;
        var md = new StringBuilder();
        Line(md, $"### Load run of {Taken:yyyy-MM-dd HH:mm} UTC");
        md.Append('\n');
        Line(md, $"- Machine: {Machine.Describe()}, at the end {LoadAverageAtEnd}");
        Line(md, $"- Code: `{Machine.Commit}`");
        Line(md, $"- Load: {s.Concurrency} workers over {s.Conversations:N0} conversations, {QuestionCount} questions from `{Path.GetFileName(QuestionsPath)}`, deliveryMode expectReplies over HTTP/1.1 on loopback.");
        var analyticsRatio = MedianAnalyticsRatio;
        Line(md, $"  Per bot and round: a fresh Release process (Production, logging at Warning), {s.WarmupTurns:N0} warm-up turns, then up to {s.Turns:N0} turns or {s.Duration.TotalSeconds:0} s; {s.Rounds} round(s), {(likeForLike is null ? "echo bot then PolicyBot" : "echo bot, echo bot reusing clients, then PolicyBot")}{(analyticsRatio is null ? string.Empty : " (analytics off), then PolicyBot with analytics on (every turn queued and written in the background to a fresh SQLite file)")}.");
        md.Append('\n');
        Line(md, $"#### Throughput and latency (median over {Rounds.Count} round(s))");
        md.Append('\n');
        Line(md, $"| bot | turns/s | p50 ms | p99 ms | errors | CPU ms per turn | start-up to first answer ms | start-up CPU ms |");
        Line(md, $"|---|---:|---:|---:|---:|---:|---:|---:|");
        var echo = Summary(Rounds.Select(r => r.Echo).ToList());
        var bot = Summary(Rounds.Select(r => r.PolicyBot).ToList());
        Line(md, $"| echo bot | {echo.Tps:N0} | {echo.P50:0.0} | {echo.P99:0.0} | {echo.Errors} | {echo.CpuMsPerTurn:0.000} | {echo.StartupMs:N0} | {echo.StartupCpuMs:N0} |");
        var reusing = likeForLike is null ? default : Summary(Rounds.Select(r => r.EchoReusingClients!).ToList());
        if (likeForLike is not null)
        {
            Line(md, $"| echo bot reusing clients | {reusing.Tps:N0} | {reusing.P50:0.0} | {reusing.P99:0.0} | {reusing.Errors} | {reusing.CpuMsPerTurn:0.000} | {reusing.StartupMs:N0} | {reusing.StartupCpuMs:N0} |");
        }

        Line(md, $"| PolicyBot | {bot.Tps:N0} | {bot.P50:0.0} | {bot.P99:0.0} | {bot.Errors} | {bot.CpuMsPerTurn:0.000} | {bot.StartupMs:N0} | {bot.StartupCpuMs:N0} |");
        Line(md, $"| **PolicyBot / echo** | **{MedianRatio:0.00}** | {bot.P50 / echo.P50:0.00} | {bot.P99 / echo.P99:0.00} | | {bot.CpuMsPerTurn / echo.CpuMsPerTurn:0.00} | {bot.StartupMs / echo.StartupMs:0.00} | {bot.StartupCpuMs / echo.StartupCpuMs:0.00} |");
        if (likeForLike is { } ratio)
        {
            Line(md, $"| PolicyBot / echo reusing clients | {ratio:0.00} | {bot.P50 / reusing.P50:0.00} | {bot.P99 / reusing.P99:0.00} | | {bot.CpuMsPerTurn / reusing.CpuMsPerTurn:0.00} | | |");
        }

        if (analyticsRatio is { } withAnalytics)
        {
            var analytics = Summary(Rounds.Select(r => r.PolicyBotAnalytics!).ToList());
            Line(md, $"| PolicyBot, analytics on | {analytics.Tps:N0} | {analytics.P50:0.0} | {analytics.P99:0.0} | {analytics.Errors} | {analytics.CpuMsPerTurn:0.000} | {analytics.StartupMs:N0} | {analytics.StartupCpuMs:N0} |");
            Line(md, $"| **PolicyBot, analytics on / echo** | **{withAnalytics:0.00}** | {analytics.P50 / echo.P50:0.00} | {analytics.P99 / echo.P99:0.00} | | {analytics.CpuMsPerTurn / echo.CpuMsPerTurn:0.00} | {analytics.StartupMs / echo.StartupMs:0.00} | {analytics.StartupCpuMs / echo.StartupCpuMs:0.00} |");
        }

        md.Append('\n');
        if (likeForLike is not null)
        {
            Line(md, $"PolicyBot reuses the connector and user-token clients that the Bot Framework's CloudAdapter otherwise builds on every turn (src/PolicyBot/Adapters/ClientReusingBotFrameworkAuthentication.cs); the bare echo bot, the target's baseline, does not. \"Echo bot reusing clients\" is the echo bot with that same change (ReuseConnectorClients=true): PolicyBot against it is the cost of PolicyBot's own work, with no target attached.");
            md.Append('\n');
        }

        Line(md, $"The throughput ratio is the median of each round's own ratio (both bots measured back to back). CPU ms per turn is the bot process's own user + system time over the measured run divided by its turns; unlike turns/s it does not depend on what else the machine is doing, so on a shared machine it is the steadier comparison (echo CPU per turn / PolicyBot CPU per turn = {echo.CpuMsPerTurn / bot.CpuMsPerTurn:0.00}).");
        md.Append('\n');
        Line(md, $"#### Per round");
        md.Append('\n');
        Line(md, $"| round | echo turns/s | PolicyBot turns/s | ratio | echo reusing clients turns/s (ratio) | echo p50 / p99 ms | PolicyBot p50 / p99 ms | errors echo / PolicyBot | CPU ms per turn echo / PolicyBot | start-up echo / PolicyBot ms (PolicyBot /healthz ms) |{(analyticsRatio is null ? string.Empty : " analytics on turns/s (ratio), errors, CPU ms per turn |")}");
        Line(md, $"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|{(analyticsRatio is null ? string.Empty : "---:|")}");
        foreach (var r in Rounds)
        {
            var analyticsCells = r.PolicyBotAnalytics is { } a ? $" {a.Run.TurnsPerSecond:N0} ({r.AnalyticsRatio:0.00}), {a.Run.Errors}, {a.CpuMsPerTurn:0.000} |" : string.Empty;
            Line(md, $"| {r.Number} | {r.Echo.Run.TurnsPerSecond:N0} | {r.PolicyBot.Run.TurnsPerSecond:N0} | {r.ThroughputRatio:0.00} | {(r.EchoReusingClients is { } e ? $"{e.Run.TurnsPerSecond:N0} ({r.LikeForLikeRatio:0.00})" : "-")} | {r.Echo.Run.Latency.P50:0.0} / {r.Echo.Run.Latency.P99:0.0} | {r.PolicyBot.Run.Latency.P50:0.0} / {r.PolicyBot.Run.Latency.P99:0.0} | {r.Echo.Run.Errors} / {r.PolicyBot.Run.Errors} | {r.Echo.CpuMsPerTurn:0.000} / {r.PolicyBot.CpuMsPerTurn:0.000} | {r.Echo.FirstAnswer.TotalMilliseconds:N0} / {r.PolicyBot.FirstAnswer.TotalMilliseconds:N0} ({r.PolicyBot.Healthy?.TotalMilliseconds:N0}) |{analyticsCells}");
        }

        if (Memory.Count > 0)
        {
            md.Append('\n');
            Line(md, $"#### Memory (PolicyBot{(analyticsRatio is null ? string.Empty : " with analytics on")}, one fresh process, no warm-up; VmRSS/VmHWM from /proc/<pid>/status, 1 s after the load pauses)");
            md.Append('\n');
            Line(md, $"| after turns | VmRSS MB | peak VmHWM MB | errors |");
            Line(md, $"|---:|---:|---:|---:|");
            foreach (var m in Memory)
            {
                var turns = m.Reached ? $"{m.TurnsDone:N0}" : $"{m.TurnsDone:N0} (time limit hit before {m.TargetTurns:N0})";
                Line(md, $"| {turns} | {m.RssKb / 1024.0:N1} | {m.PeakRssKb / 1024.0:N1} | {m.Errors} |");
            }
        }

        md.Append('\n');
        Line(md, $"#### Targets");
        md.Append('\n');
        Line(md, $"- Throughput ≥ {Targets.MinThroughputRatio:0.00} × echo: {Verdict(MedianRatio >= Targets.MinThroughputRatio)} ({MedianRatio:0.00})");
        if (analyticsRatio is { } analyticsMet)
        {
            Line(md, $"- Throughput with analytics on ≥ {Targets.MinThroughputRatio:0.00} × echo: {Verdict(analyticsMet >= Targets.MinThroughputRatio)} ({analyticsMet:0.00})");
        }

        Line(md, $"- Zero errors: {Verdict(TotalErrors == 0)} ({TotalErrors})");
        Line(md, $"- PolicyBot start-up < {Targets.MaxStartupMs:N0} ms: {Verdict(PolicyBotStartupMs < Targets.MaxStartupMs)} ({PolicyBotStartupMs:N0} ms)");
        if (Memory.Count > 0)
        {
            var growth = MemoryGrowth;
            if (growth is { } g)
            {
                Line(md, $"- RSS within {Targets.MaxMemoryGrowth:P0} from {Memory[0].TargetTurns:N0} to {Memory[^1].TargetTurns:N0} turns: {Verdict(g <= Targets.MaxMemoryGrowth)} ({g:+0.0%;-0.0%})");
            }
            else
            {
                Line(md, $"- RSS growth: not measured (fewer than two checkpoints reached)");
            }
        }

        var samples = Rounds.SelectMany(r => new[] { ("echo bot", r.Echo.Run), ("echo bot reusing clients", r.EchoReusingClients?.Run), ("PolicyBot", r.PolicyBot.Run), ("PolicyBot, analytics on", r.PolicyBotAnalytics?.Run) })
            .Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!))
            .SelectMany(x => x.Item2.ErrorSamples.Select(e => $"{x.Item1}: {e}")).Distinct().Take(10).ToList();
        if (samples.Count > 0)
        {
            md.Append('\n');
            Line(md, $"Error samples:");
            foreach (var sample in samples)
            {
                Line(md, $"- {sample}");
            }
        }

        return md.ToString();
    }

    private static (double Tps, double P50, double P99, int Errors, double CpuMsPerTurn, double StartupMs, double StartupCpuMs) Summary(IReadOnlyList<BotRun> runs) => (
        Percentiles.Median(runs.Select(r => r.Run.TurnsPerSecond)),
        Percentiles.Median(runs.Select(r => r.Run.Latency.P50)),
        Percentiles.Median(runs.Select(r => r.Run.Latency.P99)),
        runs.Sum(r => r.Run.Errors),
        Percentiles.Median(runs.Select(r => r.CpuMsPerTurn)),
        Percentiles.Median(runs.Select(r => r.FirstAnswer.TotalMilliseconds)),
        Percentiles.Median(runs.Select(r => r.StartupCpu.TotalMilliseconds)));

    private static string Verdict(bool met) => met ? "met" : "**MISSED**";

    private static void Line(StringBuilder md, FormattableString text) =>
        md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
