using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PolicyBot.Analytics.Recording;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.Analytics;

/// <summary>Turns posted to a real host, and waiting (bounded, no fixed sleep) for its analytics writer.</summary>
internal static class AnalyticsTurns
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Posts one Emulator message and returns the single reply.</summary>
    public static async Task<JsonNode> AskAsync(HttpClient client, string text, string conversationId, string activityId, string channel = "emulator")
    {
        var activity = Activities.EmulatorMessage(text, conversationId, activityId);
        activity["channelId"] = channel;
        return await PostAsync(client, activity);
    }

    /// <summary>Posts a card click (its data as the activity's value, as Web Chat and the Emulator send it).</summary>
    public static async Task<JsonNode> ClickAsync(HttpClient client, JsonObject value, string conversationId, string activityId)
    {
        var activity = Activities.EmulatorMessage(string.Empty, conversationId, activityId);
        activity.Remove("text");
        activity["value"] = value;
        return await PostAsync(client, activity);
    }

    public static string? TextOf(JsonNode reply) => (reply["text"] ?? reply["summary"])?.GetValue<string>();

    /// <summary>Waits until the host's writer has written at least this many events.</summary>
    public static async Task WaitForWrittenAsync(BotHostFactory host, long events)
    {
        var writer = host.Services.GetRequiredService<AnalyticsWriter>();
        var waited = Stopwatch.StartNew();
        while (writer.Written < events)
        {
            Assert.True(waited.Elapsed < Patience, $"the analytics writer wrote {writer.Written} of {events} events within {Patience} (problem: {writer.Problem ?? "none"})");
            await Task.Delay(50);
        }
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync("/api/messages", Activities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)));
    }
}
