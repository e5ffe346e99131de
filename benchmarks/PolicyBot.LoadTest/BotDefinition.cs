namespace PolicyBot.LoadTest;

/// <summary>A bot under test: its project, the assembly its Release build produces, and how readiness is seen.</summary>
/// <param name="HealthPath">Polled until 200 before the first turn; null = the first answered turn is the only sign.</param>
/// <param name="ExtraArguments">Settings for the load test, passed on the bot's command line.</param>
/// <param name="RefusalText">A reply holding this text was refused, not answered, and counts as an error.</param>
internal sealed record BotDefinition(string Name, string ProjectDirectory, string AssemblyFileName, string? HealthPath, IReadOnlyList<string> ExtraArguments, string? RefusalText)
{
    /// <summary>Polled until 200 after the first answer, before any load: the bot's steady state (null = none).</summary>
    public string? ReadyPath { get; init; }

    public static BotDefinition Echo(string repoRoot) =>
        new("echo bot", Path.Combine(repoRoot, "benchmarks", "EchoBot"), "EchoBot.dll", null, [], null);

    /// <summary>The echo bot with PolicyBot's one change to the SDK wiring: its per-turn clients reused.</summary>
    public static BotDefinition EchoReusingClients(string repoRoot) =>
        Echo(repoRoot) with { Name = "echo bot reusing clients", ExtraArguments = ["--ReuseConnectorClients=true"] };

    /// <summary>
    /// PolicyBot with its per-conversation rate limit raised out of reach: the limiter still runs on every turn
    /// (its cost is measured), but 200 conversations at thousands of turns a second would otherwise be refused
    /// with "slow down" replies that cost far less than answers. The refusal text is checked all the same.
    /// </summary>
    public static BotDefinition PolicyBot(string repoRoot) =>
        new(
            "PolicyBot",
            Path.Combine(repoRoot, "src", "PolicyBot"),
            "PolicyBot.dll",
            "/healthz",
            ["--RateLimiting:BurstLimit=10000", "--RateLimiting:MessagesPerPeriod=10000", "--RateLimiting:ReplenishmentPeriod=00:00:01", "--Analytics:Store=Off"],
            "faster than I can answer")
        {
            // The meaning stage loads its model in the background; the load measures the bot once it is ready.
            ReadyPath = "/readyz",
        };

    /// <summary>
    /// PolicyBot as it runs by default: every turn queued for the content owners' analytics and written in the
    /// background to a SQLite file, here a fresh one per process (<paramref name="sqlitePath"/>).
    /// </summary>
    public static BotDefinition PolicyBotWithAnalytics(string repoRoot, string sqlitePath)
    {
        var policyBot = PolicyBot(repoRoot);
        return policyBot with
        {
            Name = "PolicyBot, analytics on",
            ExtraArguments = [.. policyBot.ExtraArguments.Where(a => !a.StartsWith("--Analytics:", StringComparison.Ordinal)), "--Analytics:Store=Sqlite", $"--Analytics:SqlitePath={sqlitePath}"],
        };
    }

    public string ProjectFile => Path.Combine(ProjectDirectory, Path.GetFileNameWithoutExtension(AssemblyFileName) + ".csproj");

    /// <summary>The Release build's assembly: bin/Release/&lt;tfm&gt;/X.dll, exactly one.</summary>
    public string FindReleaseAssembly()
    {
        var releaseDirectory = Path.Combine(ProjectDirectory, "bin", "Release");
        var found = Directory.Exists(releaseDirectory)
            ? Directory.GetFiles(releaseDirectory, AssemblyFileName, SearchOption.AllDirectories)
                .Where(path => Path.GetFileName(Path.GetDirectoryName(path)!).StartsWith("net", StringComparison.Ordinal))
                .ToArray()
            : [];
        return found.Length switch
        {
            1 => found[0],
            0 => throw new FileNotFoundException($"No Release build of {Name}: {Path.Combine(releaseDirectory, "<tfm>", AssemblyFileName)} is missing (run without --no-build, or 'dotnet build -c Release {ProjectFile}')."),
            _ => throw new InvalidOperationException($"Several Release builds of {Name}: {string.Join(", ", found)}; remove the stale one."),
        };
    }
}
