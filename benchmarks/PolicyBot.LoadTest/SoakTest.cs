using System.Globalization;
using System.Text;

namespace PolicyBot.LoadTest;

/// <summary>PolicyBot's resident memory at one point of the soak.</summary>
internal sealed record SoakReading(string Label, int Turns, long RssKb, long PeakRssKb);

/// <summary>
/// The soak (issue 19): PolicyBot alone, a new conversation for every turn, with its store capped below the number
/// of turns. The warm-up fills the store to its cap; from then on every new conversation makes it forget an old
/// one, so the resident memory must stay flat: the end within +10 % of the reading after the warm-up.
/// </summary>
internal sealed class SoakTest
{
    private const int ReadingEvery = 100_000;
    private readonly LoadTestSettings _settings;
    private readonly TextWriter _log;

    public SoakTest(LoadTestSettings settings, TextWriter log)
    {
        _settings = settings;
        _log = log;
    }

    public async Task<SoakReport> RunAsync(BotDefinition policyBot, LoadDriver newConversations, TurnClient client, string dotnetHost, CancellationToken cancellationToken)
    {
        var bot = policyBot with { ExtraArguments = [$"--Storage:Memory:MaxConversations={_settings.SoakCap}"] };
        using var process = await BotProcess.StartAsync(bot, dotnetHost, _settings.Host, client, _settings.StartTimeout, cancellationToken);
        _log.WriteLine($"Soak: PolicyBot answered after {process.TimeToFirstAnswer.TotalMilliseconds:N0} ms; warming up with {_settings.SoakWarmupTurns:N0} new conversations (cap {_settings.SoakCap:N0})");
        var warmup = await newConversations.RunAsync(process, "warmup", _settings.SoakWarmupTurns, _settings.SoakDuration, cancellationToken);
        var readings = new List<SoakReading> { await ReadAsync(process, "after warm-up", 0, cancellationToken) };

        var done = 0;
        var errors = warmup.Errors;
        var elapsed = TimeSpan.Zero;
        var cpuBefore = process.CpuTime();
        var latencies = new List<LatencyStats>();
        while (done < _settings.SoakTurns && elapsed < _settings.SoakDuration)
        {
            var chunk = Math.Min(ReadingEvery, _settings.SoakTurns - done);
            var run = await newConversations.RunAsync(process, $"soak{done}", chunk, _settings.SoakDuration - elapsed, cancellationToken);
            done += run.Answered + run.Errors;
            errors += run.Errors;
            elapsed += run.Elapsed;
            latencies.Add(run.Latency);
            foreach (var sample in run.ErrorSamples)
            {
                _log.WriteLine($"  error: {sample}");
            }

            readings.Add(await ReadAsync(process, done >= _settings.SoakTurns ? "end" : "during", done, cancellationToken));
            _log.WriteLine($"Soak: {done:N0} turns, {done / elapsed.TotalSeconds:N0}/s, VmRSS {readings[^1].RssKb / 1024.0:N1} MB, {errors} errors");
        }

        var cpu = process.CpuTime() - cpuBefore;
        return new SoakReport(_settings, readings, done, errors, elapsed, cpu, warmup.Answered + warmup.Errors, latencies);
    }

    private static async Task<SoakReading> ReadAsync(BotProcess process, string label, int turns, CancellationToken cancellationToken)
    {
        // The same pause before every reading, as in the memory run.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var (rss, peak) = process.Memory();
        return new SoakReading(label, turns, rss, peak);
    }
}

internal sealed record SoakReport(
    LoadTestSettings Settings,
    IReadOnlyList<SoakReading> Readings,
    int Turns,
    int Errors,
    TimeSpan Elapsed,
    TimeSpan Cpu,
    int WarmupTurns,
    IReadOnlyList<LatencyStats> Latencies)
{
    public double TurnsPerSecond => Elapsed > TimeSpan.Zero ? Turns / Elapsed.TotalSeconds : 0;

    /// <summary>RSS at the end against RSS after the warm-up (the store full).</summary>
    public double Growth => (double)(Readings[^1].RssKb - Readings[0].RssKb) / Readings[0].RssKb;

    public bool Reached => Turns >= Settings.SoakTurns;

    public bool TargetsMet => Reached && Errors == 0 && Growth <= Targets.MaxMemoryGrowth;

    public string ToMarkdown(DateTimeOffset taken, MachineInfo machine, string loadAverageAtEnd)
    {
        var md = new StringBuilder();
        Line(md, $"### Soak of {taken:yyyy-MM-dd HH:mm} UTC: a new conversation for every turn");
        md.Append('\n');
        Line(md, $"- Machine: {machine.Describe()}, at the end {loadAverageAtEnd}");
        Line(md, $"- Code: `{machine.Commit}`");
        Line(md, $"- PolicyBot alone (Release, Production, logging at Warning, default rate limits), `Storage:Memory:MaxConversations={Settings.SoakCap}`, default idle timeout; {Settings.Concurrency} workers, deliveryMode expectReplies, every turn a new conversation id. Warm-up {WarmupTurns:N0} turns (fills the store to its cap), then {Turns:N0} measured turns.");
        md.Append('\n');
        Line(md, $"| point | turns after warm-up | VmRSS MB | peak VmHWM MB | vs after warm-up |");
        Line(md, $"|---|---:|---:|---:|---:|");
        foreach (var reading in Readings)
        {
            var change = (double)(reading.RssKb - Readings[0].RssKb) / Readings[0].RssKb;
            Line(md, $"| {reading.Label} | {reading.Turns:N0} | {reading.RssKb / 1024.0:N1} | {reading.PeakRssKb / 1024.0:N1} | {change:+0.0%;-0.0%;0.0%} |");
        }

        md.Append('\n');
        var p50 = Percentiles.Median(Latencies.Select(l => l.P50));
        var p99 = Latencies.Max(l => l.P99);
        Line(md, $"Measured turns: {Turns:N0} in {Elapsed.TotalSeconds:N0} s = **{TurnsPerSecond:N0} turns/s**; latency p50 {p50:0.0} ms (median of the 100,000-turn chunks), worst chunk p99 {p99:0.0} ms; CPU {Cpu.TotalMilliseconds / Math.Max(1, Turns):0.000} ms per turn; errors **{Errors}**.");
        md.Append('\n');
        Line(md, $"- {Turns:N0} new conversations ≥ {Settings.SoakTurns:N0} with the cap ({Settings.SoakCap:N0}) below: {(Reached ? "met" : "**MISSED** (time limit)")}");
        Line(md, $"- Zero errors: {(Errors == 0 ? "met" : "**MISSED**")} ({Errors})");
        Line(md, $"- RSS at the end within {Targets.MaxMemoryGrowth:P0} of after the warm-up: {(Growth <= Targets.MaxMemoryGrowth ? "met" : "**MISSED**")} ({Growth:+0.0%;-0.0%})");
        return md.ToString();
    }

    private static void Line(StringBuilder md, FormattableString text) =>
        md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
