using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PolicyBot.Adapters;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.WebChat;

/// <summary>The development Direct Line's contract, as Web Chat's client relies on it (see the shared Web Chat doc).</summary>
public sealed class DevelopmentDirectLineTests : IClassFixture<BotHostFactory>
{
    private readonly BotHostFactory _factory;

    public DevelopmentDirectLineTests(BotHostFactory factory) => _factory = factory;

    private static string Text(JsonNode? node, string property) => node![property]!.GetValue<string>();

    [Fact]
    public async Task Starting_the_conversation_returns_201_with_its_id_token_and_an_absolute_stream_url()
    {
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);

        using var started = await client.StartAsync();
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = await started.JsonAsync();
        Assert.Equal(client.ConversationId, Text(body, "conversationId"));
        Assert.Equal(client.Token, Text(body, "token"));
        Assert.InRange(body["expires_in"]!.GetValue<int>(), 60, 1800);
        var streamUrl = new Uri(Text(body, "streamUrl"));
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Equal($"/v3/directline/conversations/{client.ConversationId}/stream", streamUrl.AbsolutePath);
        Assert.Contains("t=" + Uri.EscapeDataString(client.Token), streamUrl.Query, StringComparison.Ordinal);
        Assert.Equal("no-store", started.Headers.CacheControl?.ToString());

        using var again = await client.StartAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task The_join_event_is_echoed_and_answered_by_the_bot_with_the_welcome()
    {
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        (await client.StartAsync()).Dispose();

        using var posted = await client.PostAsync(DirectLineClient.Join("join-1"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var echoId = await posted.IdAsync();

        var activities = (await client.ActivitySetAsync())["activities"]!.AsArray();
        var echo = activities[0]!;
        Assert.Equal(echoId, Text(echo, "id"));
        Assert.Equal("event", Text(echo, "type"));
        Assert.Equal("join-1", Text(echo["channelData"], "clientActivityID"));
        var welcome = activities.Skip(1).Single(a => Text(a, "type") == "message")!;
        Assert.Equal("bot", Text(welcome["from"], "role"));
        Assert.Equal(echoId, Text(welcome, "replyToId"));
        Assert.Contains("Welcome", welcome.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_posted_message_is_echoed_with_server_id_timestamp_client_id_and_the_bound_user_then_answered()
    {
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        (await client.StartAsync()).Dispose();

        using var posted = await client.PostAsync(DirectLineClient.Message("What is the protection of civilians policy?", "client-7"));
        var id = await posted.IdAsync();

        var set = await client.ActivitySetAsync();
        var activities = set["activities"]!.AsArray();
        var echo = activities.Single(a => Text(a, "id") == id)!;
        Assert.StartsWith(client.ConversationId + "|", id, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(Text(echo, "timestamp"), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("client-7", Text(echo["channelData"], "clientActivityID"));
        Assert.Equal("user", Text(echo["from"], "role"));
        Assert.StartsWith("dl_", Text(echo["from"], "id"), StringComparison.Ordinal);
        Assert.Equal("Ada", Text(echo["from"], "name"));
        Assert.Equal(client.ConversationId, Text(echo["conversation"], "id"));

        var reply = activities.Last(a => Text(a, "type") == "message")!;
        Assert.Equal("bot", Text(reply["from"], "role"));
        Assert.Equal(id, Text(reply, "replyToId"));
        Assert.NotEqual(id, Text(reply, "id"));
        Assert.Equal(activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(set, "watermark"));
    }

    [Fact]
    public async Task Polling_with_the_last_watermark_returns_an_empty_array_then_only_the_new_activities()
    {
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        (await client.StartAsync()).Dispose();
        (await client.PostAsync(DirectLineClient.Message("hello", "c1"))).Dispose();

        var first = await client.ActivitySetAsync();
        var watermark = Text(first, "watermark");
        var empty = await client.ActivitySetAsync(watermark);
        Assert.Empty(empty["activities"]!.AsArray());
        Assert.Equal(watermark, Text(empty, "watermark"));

        (await client.PostAsync(DirectLineClient.Message("help", "c2"))).Dispose();
        var next = (await client.ActivitySetAsync(watermark))["activities"]!.AsArray();
        Assert.Equal("c2", Text(next[0]!["channelData"], "clientActivityID"));
        Assert.DoesNotContain(next, a => a!["channelData"]?["clientActivityID"]?.GetValue<string>() == "c1");
    }

    [Fact]
    public async Task Calls_without_a_token_get_401_with_a_wrong_or_foreign_token_403_and_for_an_unknown_conversation_404()
    {
        using var http = _factory.CreateClient();
        var mine = await DirectLineClient.GetTokenAsync(http);
        var theirs = await DirectLineClient.GetTokenAsync(http);
        (await mine.StartAsync()).Dispose();

        var realToken = mine.Token;
        mine.Token = string.Empty;
        Assert.Equal(HttpStatusCode.Unauthorized, (await mine.GetActivitiesAsync()).StatusCode);

        mine.Token = realToken[..^2] + "xx";
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.GetActivitiesAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.PostAsync(DirectLineClient.Message("hi", "c"))).StatusCode);

        mine.Token = theirs.Token;
        Assert.Equal(HttpStatusCode.Forbidden, (await mine.GetActivitiesAsync(conversationId: mine.ConversationId)).StatusCode);

        mine.Token = "gone.abcdef";
        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetActivitiesAsync(conversationId: "gone")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_gets_403_and_a_refreshed_one_works()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        using var factory = new BotHostFactory(null, services => services.AddSingleton<TimeProvider>(time));
        using var http = factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        (await client.StartAsync()).Dispose();

        time.Advance(TimeSpan.FromMinutes(15));
        using var refreshed = await client.RefreshAsync();
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = await refreshed.JsonAsync();
        Assert.Equal(client.ConversationId, Text(body, "conversationId"));
        var oldToken = client.Token;
        client.Token = Text(body, "token");
        Assert.NotEqual(oldToken, client.Token);

        time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await client.GetActivitiesAsync()).StatusCode);
        var newToken = client.Token;
        client.Token = oldToken;
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetActivitiesAsync()).StatusCode);

        client.Token = newToken;
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetActivitiesAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.RefreshAsync()).StatusCode);
    }

    [Fact]
    public async Task Reconnecting_returns_a_fresh_stream_url_from_the_watermark()
    {
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        (await client.StartAsync()).Dispose();

        using var reconnected = await client.ReconnectAsync("4");
        Assert.Equal(HttpStatusCode.OK, reconnected.StatusCode);
        var body = await reconnected.JsonAsync();
        Assert.Equal(client.ConversationId, Text(body, "conversationId"));
        Assert.EndsWith("&watermark=4", Text(body, "streamUrl"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.ReconnectAsync("four")).StatusCode);
    }

    [Theory]
    [InlineData("{\"type\": \"message\", ", 400, "not valid JSON")]
    [InlineData("[1, 2]", 400, "JSON object")]
    [InlineData("{\"type\": \"invoke\"}", 400, "'type' must be one of")]
    [InlineData("{\"text\": \"no type\"}", 400, "'type' must be one of")]
    public async Task A_bad_activity_gets_a_message_naming_the_problem_and_nothing_is_stored(string body, int status, string named)
    {
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        (await client.StartAsync()).Dispose();

        using var response = await client.PostRawAsync(body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await client.ActivitySetAsync())["activities"]!.AsArray());
    }

    [Fact]
    public async Task An_activity_larger_than_the_limit_gets_413()
    {
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        (await client.StartAsync()).Dispose();

        using var response = await client.PostAsync(DirectLineClient.Message(new string('a', 40_000), "big"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MaxPostedActivityBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_WebSocket_sends_the_backlog_first_then_the_echo_and_the_reply_of_a_new_message()
    {
        var server = _factory.Server;
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        var streamUrl = Text(await (await client.StartAsync()).JsonAsync(), "streamUrl");
        (await client.PostAsync(DirectLineClient.Message("before", "c1"))).Dispose();

        using var socket = await server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        var backlog = await ReceiveAsync(socket);
        Assert.Contains(backlog["activities"]!.AsArray(), a => a!["channelData"]?["clientActivityID"]?.GetValue<string>() == "c1");

        (await client.PostAsync(DirectLineClient.Message("after", "c2"))).Dispose();
        var echo = await ReceiveAsync(socket);
        Assert.Equal("c2", Text(echo["activities"]![0]!["channelData"], "clientActivityID"));
        JsonNode reply;
        do
        {
            reply = (await ReceiveAsync(socket))["activities"]![0]!;
        }
        while (Text(reply, "type") != "message");

        Assert.Equal("bot", Text(reply["from"], "role"));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task The_stream_refuses_a_wrong_token()
    {
        using var http = _factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        var streamUrl = Text(await (await client.StartAsync()).JsonAsync(), "streamUrl").Replace("?t=", "?t=x", StringComparison.Ordinal);

        await Assert.ThrowsAnyAsync<Exception>(() => _factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(streamUrl), CancellationToken.None));
    }

    [Fact]
    public async Task The_turn_goes_through_the_adapter_as_a_webchat_dev_channel_activity_and_OnTurnError_answers_a_failure()
    {
        Activity? seen = null;
        var bot = new Mock<IBot>();
        bot.Setup(b => b.OnTurnAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>()))
            .Callback<ITurnContext, CancellationToken>((turn, _) => seen = turn.Activity)
            .ThrowsAsync(new InvalidOperationException("the bot broke"));
        using var factory = new BotHostFactory(null, services => services.AddTransient(_ => bot.Object));
        using var http = factory.CreateClient();
        var client = await DirectLineClient.GetTokenAsync(http);
        (await client.StartAsync()).Dispose();

        using var posted = await client.PostAsync(DirectLineClient.Message("hello", "c1"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotNull(seen);
        Assert.Equal("webchat-dev", seen.ChannelId);
        Assert.Equal(DeliveryModes.ExpectReplies, seen.DeliveryMode);
        Assert.Equal(await posted.IdAsync(), seen.Id);
        Assert.StartsWith("dl_", seen.From.Id, StringComparison.Ordinal);
        Assert.Equal(RoleTypes.User, seen.From.Role);
        Assert.EndsWith("/v3/directline/", seen.ServiceUrl, StringComparison.Ordinal);
        var activities = (await client.ActivitySetAsync())["activities"]!.AsArray();
        var apology = activities.Last(a => Text(a, "type") == "message")!;
        Assert.Equal(AdapterWithErrorHandler.ApologyText, Text(apology, "text"));
        Assert.DoesNotContain(activities, a => Text(a, "type") == "trace");
        Assert.DoesNotContain("the bot broke", activities.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
    }
}
