using System.Text.Json;
using PolicyBot.Analytics;
using PolicyBot.Analytics.Storage;
using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests;

/// <summary>`report` over a real SQLite file written by the analytics store, found through the same settings as the bot.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "policybot-cli-report-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests() => Directory.CreateDirectory(_folder);

    private string Database => Path.Combine(_folder, "analytics.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// Ten days ago: 6 answers and 2 fallbacks (one a rephrasing of the other) in Teams; yesterday 2 suggestions in
    /// web chat; 40 days ago one fallback (outside the default 30 days); a 👎 with its note.
    /// </summary>
    private async Task WriteLogAsync()
    {
        var tenDaysAgo = Now.AddDays(-10);
        AnswerEvent Answer(DateTimeOffset time, string outcome, string? node = null, string channel = "msteams", string? question = null) =>
            new(time, channel, "en", Inputs.Text, outcome, "hash-" + channel, "v1") { NodeId = node, TopicId = node?.Split('.')[0], Question = question };

        List<AnswerEvent> answers = [.. Enumerable.Range(0, 6).Select(i => Answer(tenDaysAgo.AddMinutes(i), Outcomes.Answer, "trafficking-in-human-beings"))];
        answers.Add(Answer(tenDaysAgo.AddHours(1), Outcomes.Fallback, question: "who pays for parking at HQ"));
        answers.Add(Answer(tenDaysAgo.AddHours(2), Outcomes.Fallback, question: "does HQ pay for parking"));
        answers.Add(Answer(Now.AddDays(-1), Outcomes.Suggestions, channel: "webchat", question: "how do we keep civilians safe when we plan a strike"));
        answers.Add(Answer(Now.AddDays(-1).AddMinutes(1), Outcomes.Suggestions, channel: "webchat", question: "keeping civilians safe while planning a strike"));
        answers.Add(Answer(Now.AddDays(-40), Outcomes.Fallback, question: "an old question"));
        FeedbackEntry[] feedback =
        [
            new(tenDaysAgo.AddMinutes(7), "msteams", "en", "trafficking-in-human-beings", Ratings.Down, "hash-msteams", "v1"),
            new(tenDaysAgo.AddMinutes(8), "msteams", "en", "trafficking-in-human-beings", Ratings.Comment, "hash-msteams", "v1") { Comment = "which training is mandatory" },
        ];

        await using var store = new SqliteAnalyticsStore(Database);
        await store.InitializeAsync(CancellationToken.None);
        await store.AppendAsync(new AnalyticsLog(answers, feedback), CancellationToken.None);
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // The test's own settings first: later ones on the command line win, as for the bot.
        var code = ReportCommand.RunAsync(["--Analytics:SqlitePath", Database, "--Analytics:Store", "Sqlite", "--knowledge", RepoPaths.Knowledge, .. args], output, error, new FixedTime(Now)).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_markdown_report_of_the_last_30_days_counts_what_the_bot_recorded()
    {
        await WriteLogAsync();

        var (code, output, error) = Run("--keywords-only");

        Assert.True(code == 0, error);
        Assert.Contains("10 questions typed in 2 conversations", output, StringComparison.Ordinal);
        Assert.Contains("| answered | 6 | 60% |", output, StringComparison.Ordinal);
        Assert.Contains("| no answer | 2 | 20% |", output, StringComparison.Ordinal);
        Assert.Contains("| Teams | 8 | 80% |", output, StringComparison.Ordinal);
        Assert.Contains("grouped by word overlap", output, StringComparison.Ordinal);
        Assert.Contains("“which training is mandatory”", output, StringComparison.Ordinal);
        Assert.DoesNotContain("an old question", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Since_takes_days_hours_or_a_date()
    {
        await WriteLogAsync();

        Assert.Contains("\"questions\": 2,", Run("--since", "2d", "--format", "json", "--keywords-only").Output, StringComparison.Ordinal);
        Assert.Contains("\"questions\": 0,", Run("--since=12h", "--format=json", "--keywords-only").Output, StringComparison.Ordinal);
        Assert.Contains("\"questions\": 11,", Run("--since", "2026-10-01", "--format", "json", "--keywords-only").Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_report_written_to_a_file_groups_unanswered_questions_by_meaning_with_the_node_and_its_yaml()
    {
        await WriteLogAsync();
        var file = Path.Combine(_folder, "out", "report.html");

        var (code, output, error) = Run("--out", file);

        Assert.True(code == 0, error);
        Assert.Contains("Wrote " + file, output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("grouped by meaning", html, StringComparison.Ordinal);
        Assert.Contains("# knowledge/protection-of-civilians.yaml", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_and_csv_reports_carry_the_same_numbers()
    {
        await WriteLogAsync();

        var json = JsonDocument.Parse(Run("--format", "json", "--keywords-only").Output).RootElement;
        var csv = Run("--format", "csv", "--keywords-only").Output;

        Assert.Equal(10, json.GetProperty("questions").GetInt32());
        Assert.Equal(2, json.GetProperty("unanswered").GetArrayLength());
        Assert.Contains("totals,questions,10,,\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("feedback down,trafficking-in-human-beings,1,,", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--since", "soon", "--since: 'soon' is not a period")]
    [InlineData("--format", "pdf", "--format: 'pdf' is not one of md, csv, html, json")]
    [InlineData("--colour", "red", "unknown option '--colour'")]
    public void A_bad_option_is_refused_naming_it(string option, string value, string message)
    {
        var (code, _, error) = Run(option, value);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_database_is_named_with_its_setting()
    {
        var (code, _, error) = Run();

        Assert.Equal(1, code);
        Assert.Contains($"no analytics database at {Database} (Analytics:SqlitePath", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redis_store_without_a_connection_string_is_refused_naming_the_setting()
    {
        var (code, _, error) = Run("--Analytics:Store", "Redis", "--Storage:Redis:ConnectionString", "");

        Assert.Equal(2, code);
        Assert.Contains("Storage:Redis:ConnectionString", error, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
