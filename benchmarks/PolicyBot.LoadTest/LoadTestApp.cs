namespace PolicyBot.LoadTest;

/// <summary>
/// The whole run: build, then rounds of (echo bot, PolicyBot) on fresh processes, then PolicyBot's memory run,
/// then the report. Progress goes to the log; the report to the output and, with --out, to a file.
/// </summary>
internal sealed class LoadTestApp
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitBadArguments = 2;
    public const int ExitTargetMissed = 3;

    private readonly LoadTestSettings _settings;
    private readonly TextWriter _output;
    private readonly TextWriter _log;
    private readonly string _dotnetHost;

    private LoadTestApp(LoadTestSettings settings, TextWriter output, TextWriter log)
    {
        _settings = settings;
        _output = output;
        _log = log;
        _dotnetHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter log, CancellationToken cancellationToken)
    {
        LoadTestSettings settings;
        try
        {
            settings = LoadTestSettings.Parse(args);
        }
        catch (ArgumentException ex)
        {
            log.WriteLine($"policybot-load: {ex.Message}");
            return ExitBadArguments;
        }

        if (settings.ShowHelp)
        {
            output.WriteLine(LoadTestSettings.Usage);
            return ExitOk;
        }

        try
        {
            return await new LoadTestApp(settings, output, log).RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.WriteLine("policybot-load: cancelled; the bots were stopped.");
            return ExitFailed;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or InvalidDataException or TimeoutException or UnauthorizedAccessException)
        {
            log.WriteLine($"policybot-load: {ex.Message}");
            return ExitFailed;
        }
    }

    private async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var repoRoot = RepoRootFinder.Find(_settings.RepoRoot);
        var questionsPath = Path.GetFullPath(_settings.QuestionsPath ?? Path.Combine(repoRoot, "..", "shared", "eval", "questions.dev.jsonl"));
        var questions = QuestionSet.Load(questionsPath);
        var echo = BotDefinition.Echo(repoRoot);
        var policyBot = BotDefinition.PolicyBot(repoRoot);
        if (_settings.Build)
        {
            await ReleaseBuild.RunAsync(_dotnetHost, echo, _log, cancellationToken);
            await ReleaseBuild.RunAsync(_dotnetHost, policyBot, _log, cancellationToken);
        }

        var machine = MachineInfo.Read(repoRoot);
        _log.WriteLine($"Machine: {machine.Describe()}");
        _log.WriteLine($"Questions: {questions.Count} from {questionsPath}");
        var taken = DateTimeOffset.UtcNow;

        using var client = new TurnClient(_settings.Concurrency + 1);
        if (_settings.Soak)
        {
            return await SoakAsync(policyBot, client, questions, machine, taken, cancellationToken);
        }

        var driver = new LoadDriver(client, questions, _settings.Concurrency, _settings.Conversations);
        var rounds = new List<Round>();
        for (var number = 1; number <= _settings.Rounds; number++)
        {
            var echoRun = await MeasureAsync(echo, driver, client, number, cancellationToken);
            var reusingRun = _settings.LikeForLike ? await MeasureAsync(BotDefinition.EchoReusingClients(repoRoot), driver, client, number, cancellationToken) : null;
            var policyRun = await MeasureAsync(policyBot, driver, client, number, cancellationToken);
            var analyticsRun = _settings.Analytics
                ? await WithAnalyticsFileAsync(file => MeasureAsync(BotDefinition.PolicyBotWithAnalytics(repoRoot, file), driver, client, number, cancellationToken))
                : null;
            rounds.Add(new Round(number, echoRun, policyRun, reusingRun, analyticsRun));
        }

        // Memory with analytics on, as the bot runs by default: the queue and the held questions must stay bounded.
        var memory = _settings.MemoryCheckpoints.Count == 0 ? []
            : _settings.Analytics ? await WithAnalyticsFileAsync(file => MeasureMemoryAsync(BotDefinition.PolicyBotWithAnalytics(repoRoot, file), driver, client, cancellationToken))
            : await MeasureMemoryAsync(policyBot, driver, client, cancellationToken);

        var report = new LoadReport(taken, machine, _settings, questionsPath, questions.Count, rounds, memory, MachineInfo.ReadLoadAverage());
        var markdown = report.ToMarkdown();
        _output.Write(markdown);
        await WriteReportAsync(ReportFile.LoadSection, markdown, cancellationToken);
        return report.AllTargetsMet ? ExitOk : ExitTargetMissed;
    }

    private async Task<int> SoakAsync(BotDefinition policyBot, TurnClient client, IReadOnlyList<string> questions, MachineInfo machine, DateTimeOffset taken, CancellationToken cancellationToken)
    {
        var newConversations = new LoadDriver(client, questions, _settings.Concurrency, conversations: 0);
        var soak = await new SoakTest(_settings, _log).RunAsync(policyBot, newConversations, client, _dotnetHost, cancellationToken);
        var markdown = soak.ToMarkdown(taken, machine, MachineInfo.ReadLoadAverage());
        _output.Write(markdown);
        await WriteReportAsync(ReportFile.SoakSection, markdown, cancellationToken);
        return soak.TargetsMet ? ExitOk : ExitTargetMissed;
    }

    /// <summary>A fresh SQLite file for one analytics-on process (its tables start empty), deleted after it.</summary>
    private async Task<T> WithAnalyticsFileAsync<T>(Func<string, Task<T>> run)
    {
        var folder = Directory.CreateTempSubdirectory("policybot-load-analytics-").FullName;
        try
        {
            var result = await run(Path.Combine(folder, "analytics.db"));
            var size = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
            _log.WriteLine($"Analytics file after the run: {size / 1024.0 / 1024.0:0.0} MB");
            return result;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>With --out, replaces this run's own section of the report file and keeps the other's.</summary>
    private async Task WriteReportAsync(string section, string markdown, CancellationToken cancellationToken)
    {
        if (_settings.OutPath is { } outPath)
        {
            var fullPath = Path.GetFullPath(outPath);
            await ReportFile.WriteSectionAsync(fullPath, section, markdown, cancellationToken);
            _log.WriteLine($"Report ({section}) written to {fullPath}");
        }
    }

    private async Task<BotRun> MeasureAsync(BotDefinition definition, LoadDriver driver, TurnClient client, int round, CancellationToken cancellationToken)
    {
        using var bot = await BotProcess.StartAsync(definition, _dotnetHost, _settings.Host, client, _settings.StartTimeout, cancellationToken);
        _log.WriteLine($"Round {round}, {definition.Name}: first answer after {bot.TimeToFirstAnswer.TotalMilliseconds:N0} ms{(bot.TimeToReady is { } ready ? $", ready after {ready.TotalMilliseconds:N0} ms" : string.Empty)} on {bot.BaseUri}; warming up");
        if (_settings.WarmupTurns > 0)
        {
            await driver.RunAsync(bot, "warmup", _settings.WarmupTurns, _settings.Duration, cancellationToken);
        }

        var cpuBefore = bot.CpuTime();
        var run = await driver.RunAsync(bot, "run", _settings.Turns, _settings.Duration, cancellationToken);
        var runCpu = bot.CpuTime() - cpuBefore;
        _log.WriteLine($"Round {round}, {definition.Name}: {run.Answered:N0} turns in {run.Elapsed.TotalSeconds:0.0} s = {run.TurnsPerSecond:N0}/s, p50 {run.Latency.P50:0.0} ms, p99 {run.Latency.P99:0.0} ms, {run.Errors} errors");
        foreach (var sample in run.ErrorSamples)
        {
            _log.WriteLine($"  error: {sample}");
        }

        var measured = new BotRun(run, bot.TimeToFirstAnswer, bot.TimeToHealthy, bot.CpuToFirstAnswer, runCpu);
        _log.WriteLine($"Round {round}, {definition.Name}: {measured.CpuMsPerTurn:0.000} CPU ms per turn; start-up used {measured.StartupCpu.TotalMilliseconds:N0} CPU ms");
        return measured;
    }

    private async Task<IReadOnlyList<MemoryCheckpoint>> MeasureMemoryAsync(BotDefinition definition, LoadDriver driver, TurnClient client, CancellationToken cancellationToken)
    {
        using var bot = await BotProcess.StartAsync(definition, _dotnetHost, _settings.Host, client, _settings.StartTimeout, cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var checkpoints = new List<MemoryCheckpoint>();
        var done = 0;
        var errors = 0;
        foreach (var target in _settings.MemoryCheckpoints)
        {
            var remaining = _settings.MemoryDuration - clock.Elapsed;
            if (remaining > TimeSpan.Zero)
            {
                var run = await driver.RunAsync(bot, $"mem{target}", target - done, remaining, cancellationToken);
                done += run.Answered + run.Errors;
                errors += run.Errors;
            }

            // The same pause before every reading, so the checkpoints compare like with like.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var (rss, peak) = bot.Memory();
            checkpoints.Add(new MemoryCheckpoint(target, done, errors, rss, peak));
            _log.WriteLine($"Memory: after {done:N0} turns VmRSS {rss / 1024.0:N1} MB (peak {peak / 1024.0:N1} MB), {errors} errors so far");
        }

        return checkpoints;
    }
}

/// <summary>The repo root: the given folder, or the first folder holding PolicyBot.sln above the working directory or the tool.</summary>
internal static class RepoRootFinder
{
    public static string Find(string? configured)
    {
        if (configured is not null)
        {
            var full = Path.GetFullPath(configured);
            return File.Exists(Path.Combine(full, "PolicyBot.sln"))
                ? full
                : throw new InvalidOperationException($"--repo-root {full}: no PolicyBot.sln there.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "PolicyBot.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("PolicyBot.sln not found above the working directory or the tool; give the repo with --repo-root.");
    }
}
