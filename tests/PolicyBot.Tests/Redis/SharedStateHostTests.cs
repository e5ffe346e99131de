using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using PolicyBot.Adapters;
using PolicyBot.Core;
using PolicyBot.Core.Dialog;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.Redis;

/// <summary>Whole bot hosts over one real Redis: turns of one conversation on different instances, and an outage.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class SharedStateHostTests
{
    private static readonly TimeSpan HealthWait = TimeSpan.FromSeconds(30);
    private readonly RedisServerFixture _server;
    private readonly string _prefix = $"host-test:{Guid.NewGuid():N}:";

    public SharedStateHostTests(RedisServerFixture server)
    {
        _server = server;
        _server.Start();
    }

    [Fact]
    public async Task A_follow_up_on_host_B_resolves_within_the_topic_asked_about_on_host_A()
    {
        using var hostA = CreateHost();
        using var hostB = CreateHost();
        using var clientA = hostA.CreateClient();
        using var clientB = hostB.CreateClient();
        await WaitForHealthAsync(clientA, HttpStatusCode.OK);
        await WaitForHealthAsync(clientB, HttpStatusCode.OK);

        var topic = await AskAsync(clientA, "What is the protection of civilians policy?", "follow-up-1", "a-1");
        var followUp = await AskAsync(clientB, "who does it apply to?", "follow-up-1", "b-1");

        Assert.Contains("Protection of Civilians", topic, StringComparison.Ordinal);
        Assert.Contains("Who the PoC policy applies to", followUp, StringComparison.Ordinal);

        // The same words with no position behind them (a new conversation) do not find the PoC scope.
        var withoutContext = await AskAsync(clientB, "who does it apply to?", "follow-up-fresh", "b-2");
        Assert.DoesNotContain("Who the PoC policy applies to", withoutContext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dialog_context_written_on_host_A_is_what_host_B_hands_the_assistant()
    {
        var afterTopic = new DialogContext { CurrentNodeId = "protection-of-civilians", OfferedNodeIds = ["poc-who", "poc-what"], History = ["menu"] };
        var onA = new Mock<IPolicyAssistant>();
        onA.SetupGet(a => a.IsReady).Returns(true);
        onA.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("Protection of Civilians")], afterTopic));
        DialogContext? seenOnB = null;
        var onB = new Mock<IPolicyAssistant>();
        onB.SetupGet(a => a.IsReady).Returns(true);
        onB.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .Callback((UserInput _, DialogContext context, CancellationToken _) => seenOnB = context)
            .ReturnsAsync((UserInput _, DialogContext context, CancellationToken _) => new AssistantReply([new ReplyMessage("It applies to…")], context));

        using var hostA = CreateHost(onA.Object);
        using var hostB = CreateHost(onB.Object);
        using var clientA = hostA.CreateClient();
        using var clientB = hostB.CreateClient();

        Assert.Equal("Protection of Civilians", await AskAsync(clientA, "What is the protection of civilians policy?", "shared-1", "a-1"));
        Assert.Equal("It applies to…", await AskAsync(clientB, "who does it apply to?", "shared-1", "b-1"));

        Assert.NotNull(seenOnB);
        Assert.Equal(afterTopic.CurrentNodeId, seenOnB.CurrentNodeId);
        Assert.Equal(afterTopic.OfferedNodeIds, seenOnB.OfferedNodeIds);
        Assert.Equal(afterTopic.History, seenOnB.History);
    }

    [Fact]
    public async Task An_activity_answered_on_host_A_and_retried_on_host_B_is_not_answered_twice()
    {
        using var hostA = CreateHost();
        using var hostB = CreateHost();
        using var clientA = hostA.CreateClient();
        using var clientB = hostB.CreateClient();

        Assert.NotNull(await AskAsync(clientA, "help", "retried-1", "same-activity"));
        using var retry = await clientB.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("help", "retried-1", "same-activity")));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Empty(Activities.Messages(await Activities.RepliesAsync(retry)));
    }

    [Fact]
    public async Task With_Redis_stopped_a_turn_gets_the_polite_reply_health_is_degraded_and_serving_resumes_when_it_is_back()
    {
        using var host = CreateHost();
        using var client = host.CreateClient();
        var normal = await AskAsync(client, "help", "outage-1", "o-1");
        Assert.NotEqual(AdapterWithErrorHandler.UnavailableText, normal);
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(client)).Status);

        _server.Stop();
        try
        {
            Assert.Equal(AdapterWithErrorHandler.UnavailableText, await AskAsync(client, "help", "outage-1", "o-2"));
            var degraded = await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("degraded", degraded.Body["status"]!.GetValue<string>());
            Assert.Contains($"127.0.0.1:{_server.Port}", degraded.Body["reasons"]!.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            _server.Start();
        }

        // The multiplexer reconnects by itself; /readyz says when (bounded wait, no fixed sleep).
        var healthy = await WaitForHealthAsync(client, HttpStatusCode.OK);
        Assert.Equal("ok", healthy.Body["status"]!.GetValue<string>());
        var afterOutage = await AskAsync(client, "help", "outage-1", "o-3");
        Assert.Equal(normal, afterOutage);
    }

    [Fact]
    public async Task A_host_started_while_Redis_is_down_stays_up_degraded_and_serves_once_Redis_answers()
    {
        _server.Stop();
        BotHostFactory host;
        HttpClient client;
        try
        {
            host = CreateHost();
            client = host.CreateClient();
            var degraded = await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("degraded", degraded.Body["status"]!.GetValue<string>());
            Assert.Equal(AdapterWithErrorHandler.UnavailableText, await AskAsync(client, "help", "late-redis", "l-1"));
        }
        finally
        {
            _server.Start();
        }

        using (host)
        using (client)
        {
            await WaitForHealthAsync(client, HttpStatusCode.OK);
            Assert.NotEqual(AdapterWithErrorHandler.UnavailableText, await AskAsync(client, "help", "late-redis", "l-2"));
        }
    }

    private BotHostFactory CreateHost(IPolicyAssistant? assistant = null) => new(
        new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Redis",
            ["Storage:Redis:ConnectionString"] = _server.ConnectionString,
            ["Storage:Redis:KeyPrefix"] = _prefix,
            ["Storage:Redis:ConnectTimeout"] = "00:00:02",
            ["Storage:Redis:OperationTimeout"] = "00:00:01",
        },
        assistant is null ? null : services => services.AddSingleton(assistant));

    /// <summary>Posts one Emulator message and returns the text (or card summary) of the single reply.</summary>
    private static async Task<string?> AskAsync(HttpClient client, string text, string conversationId, string activityId)
    {
        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage(text, conversationId, activityId)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)));
        return (message["text"] ?? message["summary"])?.GetValue<string>();
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/readyz");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> WaitForHealthAsync(HttpClient client, HttpStatusCode wanted)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var health = await HealthAsync(client);
            if (health.Status == wanted)
            {
                return health;
            }

            if (waited.Elapsed > HealthWait)
            {
                Assert.Fail($"/readyz did not return {wanted} within {HealthWait}; last: {(int)health.Status} {health.Body.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }
}
