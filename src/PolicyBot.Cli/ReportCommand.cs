using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyBot.Analytics;
using PolicyBot.Analytics.Report;
using PolicyBot.Analytics.Storage;
using PolicyBot.Core;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Meaning;
using StackExchange.Redis;

namespace PolicyBot.Cli;

/// <summary>
/// `report [--since 30d] [--format md|csv|html|json] [--out FILE]`: the content owners' report from the store the bot
/// writes, found from the same settings (appsettings.json, then environment variables, then --Section:Key VALUE):
/// the SQLite file of Analytics:SqlitePath, or the Redis stream on Storage:Redis:ConnectionString.
/// </summary>
internal static class ReportCommand
{
    public const string Usage = "Usage: report [--since 30d|12h|2026-11-01] [--format md|csv|html|json] [--out FILE] [--keywords-only] [--knowledge DIR] [--config appsettings.json] [--Section:Key VALUE ...]";
    private static readonly TimeSpan RedisConnectTimeout = TimeSpan.FromSeconds(5);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, TimeProvider.System).GetAwaiter().GetResult();

    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (ReportArguments.Parse(args, now, out var problem) is not { } arguments)
        {
            error.WriteLine($"report: {problem}");
            error.WriteLine(Usage);
            return 2;
        }

        var configFile = arguments.ConfigFile ?? ContentFolders.Find("appsettings.json");
        if (arguments.ConfigFile is not null && !File.Exists(arguments.ConfigFile))
        {
            error.WriteLine($"report: --config {arguments.ConfigFile}: no such file.");
            return 2;
        }

        IConfiguration configuration;
        try
        {
            configuration = Teams.TeamsPackageCommand.BuildConfiguration(configFile, arguments.SettingArgs);
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine($"report: {configFile} could not be read: {ex.Message}");
            return 2;
        }

        var options = configuration.GetSection(AnalyticsOptions.SectionName).Get<AnalyticsOptions>() ?? new AnalyticsOptions();
        var storage = configuration.GetSection("Storage");
        var (choice, errors) = AnalyticsStoreChoice.Resolve(options, storage["Provider"], storage["Redis:ConnectionString"]);
        if (choice is null || choice.IsOff)
        {
            error.WriteLine($"report: no store to read (settings from {configFile ?? "no appsettings.json"}, the environment and the command line):");
            foreach (var message in choice is null ? errors : ["Analytics:Store is Off: the bot records nothing."])
            {
                error.WriteLine("  " + message);
            }

            return 2;
        }

        var folder = ContentFolders.Resolve(arguments.KnowledgeDirectory ?? configuration["Content:KnowledgePath"] ?? "knowledge", KnowledgeLoader.IndexFile);
        var loaded = KnowledgeLoader.LoadDirectory(folder);
        if (loaded.Knowledge is not { } knowledge)
        {
            foreach (var message in loaded.Errors)
            {
                error.WriteLine(message);
            }

            error.WriteLine($"report: {folder}: the knowledge base does not load (the report names its nodes).");
            return 1;
        }

        ConnectionMultiplexer? redis = null;
        try
        {
            IAnalyticsStore store;
            if (choice.Kind == AnalyticsOptions.RedisStore)
            {
                var redisOptions = ConfigurationOptions.Parse(storage["Redis:ConnectionString"]!);
                redisOptions.ConnectTimeout = (int)RedisConnectTimeout.TotalMilliseconds;
                redis = await ConnectionMultiplexer.ConnectAsync(redisOptions);
                var database = redis.GetDatabase();
                store = new RedisAnalyticsStore(_ => Task.FromResult(database), storage["Redis:KeyPrefix"] ?? "policybot:");
            }
            else if (!File.Exists(choice.SqlitePath))
            {
                error.WriteLine($"report: no analytics database at {choice.SqlitePath} (Analytics:SqlitePath): has the bot run with this setting? Give the path the bot uses with --Analytics:SqlitePath FILE.");
                return 1;
            }
            else
            {
                store = new SqliteAnalyticsStore(choice.SqlitePath!);
            }

            await using (store)
            {
                var log = await store.ReadAsync(arguments.Since, CancellationToken.None);
                using var stage = MeaningStageFor(knowledge, configuration, arguments.KeywordsOnly, error);
                IQuestionGrouper grouper = stage is { Status: MeaningStageStatus.Ready } ready ? new MeaningGrouper(ready) : new WordOverlapGrouper();
                var report = ContentReportBuilder.Build(log, knowledge, grouper, arguments.Since, now, now, store.Description);
                var text = ReportFormats.Render(report, arguments.Format);
                if (arguments.OutFile is { } outFile)
                {
                    var full = Path.GetFullPath(outFile);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    await File.WriteAllTextAsync(full, text);
                    output.WriteLine($"Wrote {full}: {report.Questions.ToString("N0", CultureInfo.InvariantCulture)} questions from {ReportFormats.Date(report.Since)} to {ReportFormats.Date(report.Until)}, {report.Unanswered.Count} group(s) of unanswered questions, from {store.Description}.");
                }
                else
                {
                    output.Write(text);
                }
            }

            return 0;
        }
        catch (Exception ex) when (ex is RedisException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"report: could not read the analytics store: {ex.Message}");
            return 1;
        }
        finally
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
        }
    }

    /// <summary>The bot's meaning stage for grouping, loaded now (about two seconds), unless it is off; null when off.</summary>
    private static MeaningStage? MeaningStageFor(KnowledgeBase knowledge, IConfiguration configuration, bool keywordsOnly, TextWriter error)
    {
        var meaning = configuration.GetSection(MeaningOptions.SectionName).Get<MeaningOptions>() ?? new MeaningOptions();
        if (keywordsOnly || !meaning.Enabled)
        {
            return null;
        }

        var stage = new MeaningStage(Options.Create(meaning), NullLogger<MeaningStage>.Instance);
        stage.LoadNow(knowledge);
        if (stage.Status != MeaningStageStatus.Ready)
        {
            error.WriteLine($"report: the meaning stage did not load ({stage.FailureReason}); unanswered questions are grouped by their words.");
        }

        return stage;
    }
}

/// <summary>The report's command line, checked: every bad value is refused naming the option.</summary>
internal sealed record ReportArguments(DateTimeOffset Since, string Format, string? OutFile, string? ConfigFile, string? KnowledgeDirectory, bool KeywordsOnly, IReadOnlyList<string> SettingArgs)
{
    public static ReportArguments? Parse(IReadOnlyList<string> args, DateTimeOffset now, out string? problem)
    {
        problem = null;
        var since = now.AddDays(-30);
        string? format = null;
        string? outFile = null;
        string? configFile = null;
        string? knowledge = null;
        var keywordsOnly = false;
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
            if (name == "--keywords-only")
            {
                keywordsOnly = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"unexpected argument '{arg}'.";
                return null;
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                problem = $"{name} needs a value.";
                return null;
            }

            switch (name)
            {
                case "--since" when ParseSince(value, now) is { } start:
                    since = start;
                    break;
                case "--since":
                    problem = $"--since: '{value}' is not a period (30d, 12h) or a date (2026-11-01).";
                    return null;
                case "--format" when ReportFormats.All.Contains(value.ToLowerInvariant()):
                    format = value.ToLowerInvariant();
                    break;
                case "--format":
                    problem = $"--format: '{value}' is not one of {string.Join(", ", ReportFormats.All)}.";
                    return null;
                case "--out":
                    outFile = value;
                    break;
                case "--config":
                    configFile = value;
                    break;
                case "--knowledge":
                    knowledge = value;
                    break;
                case var setting when setting.Contains(':', StringComparison.Ordinal):
                    // Any setting by its configuration key, e.g. --Analytics:SqlitePath /srv/policybot/analytics.db.
                    settings.AddRange([setting, value]);
                    break;
                default:
                    problem = $"unknown option '{name}'.";
                    return null;
            }
        }

        // Without --format, the file's extension says it (report.html); else Markdown.
        format ??= outFile is not null && ReportFormats.All.FirstOrDefault(f => Path.GetExtension(outFile).Equals("." + f, StringComparison.OrdinalIgnoreCase)) is { } byExtension
            ? byExtension
            : ReportFormats.Markdown;
        return new ReportArguments(since, format, outFile, configFile, knowledge, keywordsOnly, settings);
    }

    private static DateTimeOffset? ParseSince(string value, DateTimeOffset now)
    {
        var text = value.Trim();
        if (text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount is > 0 and <= 3_650 * 24)
        {
            switch (char.ToLowerInvariant(text[^1]))
            {
                case 'd' when amount <= 3_650:
                    return now.AddDays(-amount);
                case 'h':
                    return now.AddHours(-amount);
            }
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.ToDateTime(TimeOnly.MinValue) <= now.UtcDateTime
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
    }
}
