using System.Text;
using System.Text.Json.Nodes;

namespace PolicyBot.Tests.Http;

/// <summary>Activities shaped like the ones the Bot Framework Emulator, Web Chat and Teams post.</summary>
public static class Activities
{
    public static JsonObject EmulatorMessage(string text, string conversationId = "conv-1", string id = "act-1") => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["text"] = text,
        ["channelId"] = "emulator",
        ["serviceUrl"] = "http://localhost:1",
        ["deliveryMode"] = "expectReplies",
        ["timestamp"] = "2026-11-27T10:00:00Z",
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "User", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "PolicyBot", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
    };

    public static JsonObject EmulatorConversationUpdate(string conversationId = "conv-1") => new()
    {
        ["type"] = "conversationUpdate",
        ["id"] = "cu-1",
        ["channelId"] = "emulator",
        ["serviceUrl"] = "http://localhost:1",
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JsonObject { ["id"] = "user-1", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" }, new JsonObject { ["id"] = "user-1" }),
    };

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The activities of an expectReplies response body.</summary>
    public static async Task<JsonArray> RepliesAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["activities"]!.AsArray();
    }

    public static IEnumerable<JsonNode> Messages(JsonArray replies) =>
        replies.Where(a => a!["type"]!.GetValue<string>() == "message").Select(a => a!);
}
