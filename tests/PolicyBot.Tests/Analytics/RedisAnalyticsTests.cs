using Microsoft.Extensions.DependencyInjection;
using PolicyBot.Analytics;
using PolicyBot.Analytics.Report;
using PolicyBot.Analytics.Storage;
using PolicyBot.Core.Knowledge;
using PolicyBot.Tests.Http;
using PolicyBot.Tests.Redis;
using PolicyBot.Testing;
using StackExchange.Redis;
using static PolicyBot.Tests.Analytics.AnalyticsTurns;

namespace PolicyBot.Tests.Analytics;

/// <summary>The Redis stream against a real redis-server: the store itself, two hosts in one report, and an outage.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisAnalyticsTests : IAsyncLifetime
{
    private readonly RedisServerFixture _server;
    private readonly string _prefix = $"analytics-test:{Guid.NewGuid():N}:";
    private ConnectionMultiplexer _redis = null!;

    public RedisAnalyticsTests(RedisServerFixture server)
    {
        _server = server;
        _server.Start();
    }

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private RedisAnalyticsStore Store() => new(_ => Task.FromResult(_redis.GetDatabase()), _prefix);

    private static AnswerEvent Answer(DateTimeOffset time, string outcome, string? question = null) =>
        new(time, "msteams", "en", Inputs.Text, outcome, "hash-1", "v1") { NodeId = outcome == Outcomes.Answer ? "human-security" : null, Score = 9.5, Path = "keywords", Question = question };

    [Fact]
    public async Task Events_written_to_the_stream_are_read_back_and_a_hash_key_is_made_once_for_every_instance()
    {
        await using var store = Store();
        // The stream keeps milliseconds.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var answer = Answer(now.AddSeconds(-2), Outcomes.Answer);
        var fallback = Answer(now.AddSeconds(-1), Outcomes.Fallback, "what about the gym?");
        var note = new FeedbackEntry(now, "webchat", "fr", "human-security", Ratings.Comment, "hash-2", "v1") { TopicId = "human-security", Comment = "les dates", Question = "qui est concerné" };

        await store.AppendAsync(new AnalyticsLog([answer, fallback], [note]), CancellationToken.None);
        var log = await store.ReadAsync(now.AddMinutes(-1), CancellationToken.None);

        Assert.Equal([answer, fallback], log.Answers);
        Assert.Equal([note], log.Feedback);
        Assert.Empty((await store.ReadAsync(now.AddMinutes(1), CancellationToken.None)).Answers);
        Assert.Equal(await store.GetOrCreateHashKeyAsync(CancellationToken.None), await Store().GetOrCreateHashKeyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Retention_trims_the_entries_Redis_received_before_the_cutoff()
    {
        await using var store = Store();
        var db = _redis.GetDatabase();
        await store.AppendAsync(new AnalyticsLog([Answer(DateTimeOffset.UtcNow, Outcomes.Fallback, "old one"), Answer(DateTimeOffset.UtcNow, Outcomes.Fallback, "old two")], []), CancellationToken.None);
        var lastOld = (await db.StreamRangeAsync(store.StreamKey, "-", "+"))[^1].Id.ToString();
        var cutoff = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(lastOld.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture) + 1);
        while (DateTimeOffset.UtcNow <= cutoff)
        {
            await Task.Delay(2);
        }

        await store.AppendAsync(new AnalyticsLog([Answer(DateTimeOffset.UtcNow, Outcomes.Fallback, "new one")], []), CancellationToken.None);

        Assert.Equal(2, await store.DeleteOlderThanAsync(cutoff, CancellationToken.None));
        Assert.Equal(["new one"], (await store.ReadAsync(DateTimeOffset.UnixEpoch, CancellationToken.None)).Answers.Select(a => a.Question));
    }

    [Fact]
    public async Task Two_hosts_on_one_Redis_give_one_report_and_a_conversation_that_moved_between_them_counts_once()
    {
        using var hostA = Host();
        using var hostB = Host();
        using var clientA = hostA.CreateClient();
        using var clientB = hostB.CreateClient();

        await AskAsync(clientA, "What is the protection of civilians policy?", "moving", "a-1", channel: "msteams");
        await AskAsync(clientB, "Who does it apply to?", "moving", "b-1", channel: "msteams");
        await AskAsync(clientB, "Where do I renew my building pass?", "staying-on-b", "b-2", channel: "webchat");
        await AskAsync(clientA, "Where is the renewal desk for building passes?", "staying-on-a", "a-2", channel: "webchat");
        await WaitForWrittenAsync(hostA, 2);
        await WaitForWrittenAsync(hostB, 2);

        await using var store = Store();
        var knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;
        var now = DateTimeOffset.UtcNow;
        var report = ContentReportBuilder.Build(await store.ReadAsync(now.AddHours(-1), CancellationToken.None), knowledge, new WordOverlapGrouper(), now.AddHours(-1), now.AddMinutes(1), now, store.Description);

        Assert.Equal(4, report.Questions);
        Assert.Equal(3, report.Conversations);
        Assert.Equal([("msteams", 2), ("webchat", 2)], report.QuestionsPerChannel.Select(c => (c.Name, c.Count)).OrderBy(c => c.Name));
        Assert.Equal(2, report.Outcomes.Single(o => o.Name == Outcomes.Answer).Count);
        var passes = Assert.Single(report.Unanswered);
        Assert.Equal(2, passes.Count);
    }

    [Fact]
    public async Task With_the_store_down_the_bot_answers_and_what_was_queued_is_in_the_report_once_it_is_back()
    {
        // Conversation state in memory, analytics in the Redis stream: only the analytics store goes down.
        using var host = Host(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory", ["Analytics:Store"] = "Redis" });
        using var client = host.CreateClient();
        await AskAsync(client, "What is the protection of civilians policy?", "outage", "o-1");
        await WaitForWrittenAsync(host, 1);

        _server.Stop();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var reply = await AskAsync(client, $"Is the staff canteen open on holiday {i}?", "outage", $"o-{i + 2}");
                Assert.Contains("nothing on", TextOf(reply), StringComparison.Ordinal);
            }

            Assert.Equal(1, host.Services.GetRequiredService<PolicyBot.Analytics.Recording.AnalyticsWriter>().Written);
        }
        finally
        {
            _server.Start();
        }

        // The test's redis-server keeps nothing on disk, so the turn written before the stop went with it; the five
        // queued while it was down are written once it is back.
        await WaitForWrittenAsync(host, 6);
        await using var store = Store();
        var log = await store.ReadAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Is the staff canteen open on holiday {i}?"), log.Answers.Select(a => a.Question));
        Assert.All(log.Answers, a => Assert.Equal(Outcomes.Fallback, a.Outcome));
    }

    private BotHostFactory Host(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Redis",
            ["Storage:Redis:ConnectionString"] = _server.ConnectionString,
            ["Storage:Redis:KeyPrefix"] = _prefix,
            ["Storage:Redis:ConnectTimeout"] = "00:00:02",
            ["Storage:Redis:OperationTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new BotHostFactory(settings);
    }
}
