using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PolicyBot.Analytics;
using PolicyBot.Analytics.Storage;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Tests.Http;
using PolicyBot.Tests.WebChat;
using static PolicyBot.Tests.Analytics.AnalyticsTurns;

namespace PolicyBot.Tests.Analytics;

/// <summary>The real host with its default analytics store (a SQLite file): what a conversation leaves behind.</summary>
public sealed class AnalyticsHostTests
{
    private const string Answerable = "Who does the protection of civilians policy apply to?";
    private const string Unanswerable = "Can I book the gym via gym.desk@hq.example.org or 0475 12 34 56?";

    private static async Task<AnalyticsLog> ReadAsync(BotHostFactory host)
    {
        await using var store = new SqliteAnalyticsStore(host.AnalyticsPath);
        return await store.ReadAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);
    }

    [Fact]
    public async Task A_fallback_an_answer_a_thumbs_down_and_its_note_are_kept_with_text_only_where_needed_and_redacted()
    {
        using var host = new BotHostFactory();
        using var client = host.CreateClient();

        var fallback = await AskAsync(client, Unanswerable, "feedback-flow", "a-1");
        var answer = await AskAsync(client, Answerable, "feedback-flow", "a-2");
        var nodeId = NodeOf(answer);
        var whatWasMissing = await ClickAsync(client, SubmitPayload.Feedback(nodeId, helpful: false, "👎 Not helpful"), "feedback-flow", "a-3");
        var send = SendData(whatWasMissing);
        send[SubmitPayload.CommentField] = "The date it applies from; ask me on +32 2 707 41 11";
        var thanks = await ClickAsync(client, send, "feedback-flow", "a-4");
        await WaitForWrittenAsync(host, 4);

        Assert.Contains("nothing on", TextOf(fallback), StringComparison.Ordinal);
        Assert.Contains("Your note goes to the people who keep this content current", TextOf(thanks), StringComparison.Ordinal);
        var log = await ReadAsync(host);
        Assert.Equal([Outcomes.Fallback, Outcomes.Answer], log.Answers.Select(a => a.Outcome));
        Assert.Equal("Can I book the gym via [email] or [phone]?", log.Answers[0].Question);
        Assert.Null(log.Answers[1].Question);
        Assert.Equal(nodeId, log.Answers[1].NodeId);
        Assert.All(log.Answers, a => Assert.Equal("emulator", a.Channel));
        Assert.Single(log.Answers.Select(a => a.ConversationHash).Distinct());
        Assert.DoesNotContain("feedback-flow", log.Answers[0].ConversationHash, StringComparison.Ordinal);

        Assert.Equal([Ratings.Down, Ratings.Comment], log.Feedback.Select(f => f.Rating));
        Assert.All(log.Feedback, f => Assert.Equal(nodeId, f.NodeId));
        Assert.All(log.Feedback, f => Assert.Equal(Answerable, f.Question));
        Assert.Equal("The date it applies from; ask me on [phone]", log.Feedback[1].Comment);
    }

    [Fact]
    public async Task An_empty_note_is_thanked_and_nothing_is_kept_for_it()
    {
        using var host = new BotHostFactory();
        using var client = host.CreateClient();
        var nodeId = NodeOf(await AskAsync(client, Answerable, "empty-note", "e-1"));
        var card = await ClickAsync(client, SubmitPayload.Feedback(nodeId, helpful: false, "👎 Not helpful"), "empty-note", "e-2");

        var thanks = await ClickAsync(client, SendData(card), "empty-note", "e-3");
        await WaitForWrittenAsync(host, 2);

        Assert.Contains("Thank you", TextOf(thanks), StringComparison.Ordinal);
        Assert.Equal([Ratings.Down], (await ReadAsync(host)).Feedback.Select(f => f.Rating));
    }

    [Fact]
    public async Task With_LogUserText_off_neither_the_question_nor_the_note_reaches_the_logs_while_the_store_keeps_them()
    {
        var logs = new FakeLoggerProvider();
        using var host = new BotHostFactory(null, services => services.AddSingleton<ILoggerProvider>(logs));
        using var client = host.CreateClient();
        await AskAsync(client, "Which floor is the canteen on?", "quiet", "q-1");
        var nodeId = NodeOf(await AskAsync(client, Answerable, "quiet", "q-2"));
        var card = await ClickAsync(client, SubmitPayload.Feedback(nodeId, helpful: false, "👎 Not helpful"), "quiet", "q-3");
        var send = SendData(card);
        send[SubmitPayload.CommentField] = "Nothing on the regional commands";
        await ClickAsync(client, send, "quiet", "q-4");
        await WaitForWrittenAsync(host, 4);

        var log = await ReadAsync(host);
        Assert.Equal("Which floor is the canteen on?", log.Answers[0].Question);
        Assert.Equal("Nothing on the regional commands", log.Feedback[^1].Comment);
        var lines = logs.Lines();
        Assert.Contains(lines, l => l.Contains("Feedback note sent on node " + nodeId, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("canteen", StringComparison.OrdinalIgnoreCase) || l.Contains("regional commands", StringComparison.Ordinal) || l.Contains("protection of civilians policy apply", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_KeepUnansweredText_off_no_question_is_kept()
    {
        using var host = new BotHostFactory(new Dictionary<string, string?> { ["Privacy:KeepUnansweredText"] = "false" });
        using var client = host.CreateClient();
        await AskAsync(client, Unanswerable, "no-text", "n-1");
        var nodeId = NodeOf(await AskAsync(client, Answerable, "no-text", "n-2"));
        await ClickAsync(client, SubmitPayload.Feedback(nodeId, helpful: false, "👎 Not helpful"), "no-text", "n-3");
        await WaitForWrittenAsync(host, 3);

        var log = await ReadAsync(host);
        Assert.Equal(Outcomes.Fallback, log.Answers[0].Outcome);
        Assert.All(log.Answers, a => Assert.Null(a.Question));
        Assert.Null(Assert.Single(log.Feedback).Question);
    }

    [Fact]
    public async Task A_failing_store_shows_on_healthz_as_degraded_with_why_while_turns_are_answered()
    {
        // A file where the SQLite file's folder should be: the store cannot be created.
        var blocker = Path.Combine(Path.GetTempPath(), "policybot-blocker-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocker, "not a folder");
        try
        {
            using var host = new BotHostFactory(new Dictionary<string, string?> { ["Analytics:Store"] = "Sqlite", ["Analytics:SqlitePath"] = Path.Combine(blocker, "analytics.db") });
            using var client = host.CreateClient();

            Assert.Contains("nothing on", TextOf(await AskAsync(client, Unanswerable, "failing-store", "f-1")), StringComparison.Ordinal);
            var analytics = await WaitForAnalyticsCheckAsync(client, "Degraded");

            Assert.Contains("failing since", analytics["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("turn(s) wait in memory", analytics["description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task A_working_store_shows_on_healthz_as_healthy_with_where_it_writes()
    {
        using var host = new BotHostFactory();
        using var client = host.CreateClient();

        await AskAsync(client, Unanswerable, "working-store", "w-1");
        await WaitForWrittenAsync(host, 1);
        var analytics = await WaitForAnalyticsCheckAsync(client, "Healthy");

        Assert.Contains("writing to", analytics["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The analytics entry of /healthz once it has <paramref name="status"/> (bounded wait: the writer retries in the background).</summary>
    private static async Task<JsonNode> WaitForAnalyticsCheckAsync(HttpClient client, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync("/healthz");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var check = body["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "analytics")!;
            if (check["status"]!.GetValue<string>() == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, check["status"]!.GetValue<string>());
                return check;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task With_the_store_off_turns_are_answered_and_nothing_is_written()
    {
        using var host = new BotHostFactory(new Dictionary<string, string?> { ["Analytics:Store"] = "Off" });
        using var client = host.CreateClient();

        Assert.Contains("nothing on", TextOf(await AskAsync(client, Unanswerable, "off", "o-1")), StringComparison.Ordinal);

        Assert.False(File.Exists(host.AnalyticsPath));
        Assert.Equal(0, host.Services.GetRequiredService<PolicyBot.Analytics.Recording.AnalyticsRecorder>().Pending);
    }

    [Theory]
    [InlineData("Analytics:Store", "Postgres", "Analytics:Store: 'Postgres' is not one of Auto, Sqlite, Redis, Off.")]
    [InlineData("Analytics:SqlitePath", " ", "Analytics:SqlitePath: is empty")]
    [InlineData("Analytics:QueueCapacity", "5", "Analytics:QueueCapacity: '5' must be from 100")]
    [InlineData("Privacy:RetentionDays", "0", "Privacy:RetentionDays: '0' must be from 1 to 3650 days")]
    public async Task A_bad_setting_stops_the_host_naming_it(string key, string value, string message)
    {
        var failure = await HostStartup.FailureAsync(new Dictionary<string, string?> { [key] = value, ["Matching:Semantic:Enabled"] = "false" });

        var validation = Assert.IsType<OptionsValidationException>(failure);
        Assert.Contains(message, validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_redis_stream_without_a_connection_string_stops_the_host_naming_the_setting()
    {
        var failure = await HostStartup.FailureAsync(new Dictionary<string, string?> { ["Analytics:Store"] = "Redis", ["Matching:Semantic:Enabled"] = "false" });

        Assert.Contains("Storage:Redis:ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    private static string NodeOf(JsonNode reply) => FeedbackId(reply["attachments"]![0]!["content"]!);

    /// <summary>The node id the answer card's 👍 carries.</summary>
    private static string FeedbackId(JsonNode card) =>
        Descendants(card).OfType<JsonObject>()
            .First(o => o["action"]?.GetValue<string>() == SubmitActions.Feedback)["id"]!.GetValue<string>();

    /// <summary>The Send button's data of the "What was missing?" card.</summary>
    private static JsonObject SendData(JsonNode reply)
    {
        var card = reply["attachments"]![0]!["content"]!;
        Assert.Contains(Descendants(card).OfType<JsonObject>(), o => o["type"]?.GetValue<string>() == "Input.Text" && o["id"]!.GetValue<string>() == SubmitPayload.CommentField);
        var send = Descendants(card).OfType<JsonObject>().Single(o => o["type"]?.GetValue<string>() == "Action.Submit");
        return send["data"]!.DeepClone().AsObject();
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }
}
