using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace PolicyBot.Tests.WebChat;

/// <summary>Calls the development Direct Line the way Web Chat's client does, for the endpoint tests.</summary>
internal sealed class DirectLineClient
{
    private readonly HttpClient _http;

    private DirectLineClient(HttpClient http, string token, string conversationId)
    {
        _http = http;
        Token = token;
        ConversationId = conversationId;
    }

    public string Token { get; set; }

    public string ConversationId { get; }

    /// <summary>POST /api/webchat/token, as the page does.</summary>
    public static async Task<DirectLineClient> GetTokenAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/api/webchat/token", null);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return new DirectLineClient(http, body["token"]!.GetValue<string>(), body["conversationId"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> StartAsync() => SendAsync(HttpMethod.Post, "/v3/directline/conversations");

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostRawAsync(string body) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new StringContent(body, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> GetActivitiesAsync(string? watermark = null, string? conversationId = null) =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities?watermark={watermark}");

    public async Task<JsonNode> ActivitySetAsync(string? watermark = null)
    {
        using var response = await GetActivitiesAsync(watermark);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public Task<HttpResponseMessage> ReconnectAsync(string watermark) =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}?watermark={watermark}");

    public Task<HttpResponseMessage> RefreshAsync() => SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh");

    public static JsonObject Message(string text, string clientActivityId) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["from"] = new JsonObject { ["id"] = "r_forged", ["name"] = "Ada", ["role"] = "bot" },
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        ["locale"] = "en-US",
    };

    public static JsonObject Join(string clientActivityId) => new()
    {
        ["type"] = "event",
        ["name"] = "webchat/join",
        ["from"] = new JsonObject { ["id"] = "r_user" },
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (Token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        return await _http.SendAsync(request);
    }
}

internal static class JsonResponses
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<string> IdAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
}
