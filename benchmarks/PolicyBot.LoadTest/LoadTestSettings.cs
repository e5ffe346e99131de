using System.Globalization;

namespace PolicyBot.LoadTest;

/// <summary>The command line, parsed and checked: every bad value is refused with the option's name.</summary>
internal sealed record LoadTestSettings
{
    public const string Usage = """
        policybot-load: HTTP load test of PolicyBot against a bare echo bot (loopback only).

        Options (defaults are the full run):
          --repo-root DIR          the PolicyBot repo (default: the folder holding PolicyBot.sln, searched upwards)
          --questions FILE         JSON Lines with a "q" text per line (default: ../shared/eval/questions.dev.jsonl from the repo root)
          --out FILE               also write the Markdown report to FILE
          --host HOST              127.0.0.1 (default), localhost or ::1; nothing else is accepted
          --concurrency N          concurrent workers, each with its own conversations (default 16)
          --conversations N        conversation ids spread over the workers (default 200)
          --warmup-turns N         unmeasured turns before each measured run (default 2000)
          --turns N                turns per measured run (default 20000)
          --duration SECONDS       time limit per measured run (default 30)
          --rounds N               echo/PolicyBot rounds, each on freshly started processes (default 3)
          --memory-turns A,B       PolicyBot RSS checkpoints in turns, or 'none' (default 10000,100000)
          --memory-duration SECONDS time limit of the memory run (default 900)
          --start-timeout SECONDS  how long a bot may take to answer its first turn (default 60)
          --bare-echo-only         skip the like-for-like baseline (the echo bot reusing clients as PolicyBot does)
          --no-analytics           skip PolicyBot with analytics on (its row, and its memory run: then analytics off)
          --soak                   instead of the comparison: PolicyBot alone, a new conversation for every turn,
                                   RSS after the warm-up, every 100,000 turns and at the end
          --soak-turns N           measured turns of the soak (default 1000000)
          --soak-warmup N          warm-up turns of the soak, at least the cap so that it is reached (default 150000)
          --soak-cap N             Storage:Memory:MaxConversations given to PolicyBot, below --soak-turns (default 100000)
          --soak-duration SECONDS  time limit of the soak's measured turns (default 3600)
          --no-build               use the existing Release builds instead of building them
          --help                   this text
        """;

    public string? RepoRoot { get; init; }

    public string? QuestionsPath { get; init; }

    public string? OutPath { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    public int Concurrency { get; init; } = 16;

    public int Conversations { get; init; } = 200;

    public int WarmupTurns { get; init; } = 2_000;

    public int Turns { get; init; } = 20_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public int Rounds { get; init; } = 3;

    /// <summary>Empty when the memory run is skipped; otherwise strictly increasing turn counts.</summary>
    public IReadOnlyList<int> MemoryCheckpoints { get; init; } = [10_000, 100_000];

    public TimeSpan MemoryDuration { get; init; } = TimeSpan.FromSeconds(900);

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public bool Build { get; init; } = true;

    /// <summary>Also measure the echo bot with PolicyBot's client reuse, for the like-for-like ratio.</summary>
    public bool LikeForLike { get; init; } = true;

    /// <summary>Also measure PolicyBot with analytics on (SQLite, as it runs by default); the memory run uses it too.</summary>
    public bool Analytics { get; init; } = true;

    public bool ShowHelp { get; init; }

    /// <summary>Soak mode: every turn a new conversation, memory read as the store fills and then keeps forgetting.</summary>
    public bool Soak { get; init; }

    public int SoakTurns { get; init; } = 1_000_000;

    public int SoakWarmupTurns { get; init; } = 150_000;

    public int SoakCap { get; init; } = 100_000;

    public TimeSpan SoakDuration { get; init; } = TimeSpan.FromSeconds(3_600);

    public static LoadTestSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new LoadTestSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name}: a value is missing."));

            settings = name switch
            {
                "--help" or "-h" => settings with { ShowHelp = true },
                "--no-build" => settings with { Build = false },
                "--bare-echo-only" => settings with { LikeForLike = false },
                "--no-analytics" => settings with { Analytics = false },
                "--repo-root" => settings with { RepoRoot = NonEmpty(name, Value()) },
                "--questions" => settings with { QuestionsPath = NonEmpty(name, Value()) },
                "--out" => settings with { OutPath = NonEmpty(name, Value()) },
                "--host" => settings with { Host = LoopbackHost(name, Value()) },
                "--concurrency" => settings with { Concurrency = Int(name, Value(), 1, 1_024) },
                "--conversations" => settings with { Conversations = Int(name, Value(), 1, 1_000_000) },
                "--warmup-turns" => settings with { WarmupTurns = Int(name, Value(), 0, 10_000_000) },
                "--turns" => settings with { Turns = Int(name, Value(), 1, 100_000_000) },
                "--duration" => settings with { Duration = Seconds(name, Value()) },
                "--rounds" => settings with { Rounds = Int(name, Value(), 1, 100) },
                "--memory-turns" => settings with { MemoryCheckpoints = Checkpoints(name, Value()) },
                "--memory-duration" => settings with { MemoryDuration = Seconds(name, Value()) },
                "--start-timeout" => settings with { StartTimeout = Seconds(name, Value()) },
                "--soak" => settings with { Soak = true },
                "--soak-turns" => settings with { SoakTurns = Int(name, Value(), 1, 100_000_000) },
                "--soak-warmup" => settings with { SoakWarmupTurns = Int(name, Value(), 0, 100_000_000) },
                "--soak-cap" => settings with { SoakCap = Int(name, Value(), 1, 10_000_000) },
                "--soak-duration" => settings with { SoakDuration = Seconds(name, Value()) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}' (see --help)."),
            };
        }

        if (settings.Conversations < settings.Concurrency)
        {
            throw new ArgumentException(
                $"--conversations ({settings.Conversations}) must be at least --concurrency ({settings.Concurrency}): each worker drives its own conversations, one turn at a time, as a user would.");
        }

        if (settings.Soak && settings.SoakCap >= settings.SoakTurns)
        {
            throw new ArgumentException($"--soak-cap ({settings.SoakCap}) must be below --soak-turns ({settings.SoakTurns}): the soak shows memory staying flat while the store forgets.");
        }

        if (settings.Soak && settings.SoakWarmupTurns < settings.SoakCap)
        {
            throw new ArgumentException($"--soak-warmup ({settings.SoakWarmupTurns}) must be at least --soak-cap ({settings.SoakCap}): the reading after the warm-up is the one with the store full.");
        }

        return settings;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string NonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name}: the value is empty.") : value;

    private static string LoopbackHost(string name, string value) =>
        LoopbackGuard.IsAllowedHost(value)
            ? value.Trim('[', ']')
            : throw new ArgumentException($"{name}: '{value}' is not a loopback host; only 127.0.0.1, localhost and ::1 are allowed.");

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name}: expected a whole number from {min} to {max}, got '{value}'.");

    private static TimeSpan Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name}: expected seconds greater than 0 and at most 86400, got '{value}'.");

    private static int[] Checkpoints(string name, string value)
    {
        if (string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var checkpoints = value.Split(',', StringSplitOptions.TrimEntries).Select(part => Int(name, part, 1, 100_000_000)).ToArray();
        for (var i = 1; i < checkpoints.Length; i++)
        {
            if (checkpoints[i] <= checkpoints[i - 1])
            {
                throw new ArgumentException($"{name}: checkpoints must increase, but {checkpoints[i]} follows {checkpoints[i - 1]}.");
            }
        }

        return checkpoints;
    }
}
