using System.Net;
using System.Text;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.WebChat;

/// <summary>Bad input to the development Direct Line and the token endpoint: always a 4xx, never a 500 or exception text.</summary>
public sealed class DirectLineBadInputTests : IClassFixture<BotHostFactory>
{
    private readonly BotHostFactory _factory;

    public DirectLineBadInputTests(BotHostFactory factory) => _factory = factory;

    public static TheoryData<string, string, string?, string?> BadRequests => new()
    {
        // method, path ({id} = a real conversation, {token} = its token), Authorization header, body
        { "POST", "/v3/directline/conversations", "Bearer not.a.token", null },
        { "POST", "/v3/directline/conversations", "Basic dXNlcjpwYXNz", null },
        { "POST", "/v3/directline/conversations", "Bearer", null },
        { "POST", "/v3/directline/tokens/refresh", "Bearer " + new string('x', 10_000), null },
        { "GET", "/v3/directline/conversations/{id}/activities?watermark=-1", "Bearer {token}", null },
        { "GET", "/v3/directline/conversations/{id}/activities?watermark=abc", "Bearer {token}", null },
        { "GET", "/v3/directline/conversations/{id}/activities?watermark=99999999999999999999", "Bearer {token}", null },
        { "GET", "/v3/directline/conversations/{id}?watermark=%00", "Bearer {token}", null },
        { "GET", "/v3/directline/conversations/{id}/stream", "Bearer {token}", null },
        { "GET", "/v3/directline/conversations/{id}/stream?t=", null, null },
        { "POST", "/v3/directline/conversations/{id}/activities", "Bearer {token}", string.Empty },
        { "POST", "/v3/directline/conversations/{id}/activities", "Bearer {token}", "{\"type\":\"message\",\"text\":42,\"from\":\"me\",\"channelData\":[1]}" },
        { "POST", "/v3/directline/conversations/{id}/activities", "Bearer {token}", "{\"type\":\"message\",\"attachments\":\"x\",\"value\":{\"a\":" + new string('[', 200) + "}}" },
        { "POST", "/v3/directline/conversations/" + new string('c', 3000) + "/activities", "Bearer {token}", "{\"type\":\"message\",\"text\":\"hi\"}" },
        { "POST", "/api/webchat/token", "Bearer not.a.token", "{\"user\": 42}" },
        { "POST", "/api/webchat/token", null, "not json at all" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_4xx_without_exception_text(string method, string path, string? authorization, string? body)
    {
        using var http = _factory.CreateClient();
        var conversation = await DirectLineClient.GetTokenAsync(http);
        (await conversation.StartAsync()).Dispose();

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", conversation.ConversationId, StringComparison.Ordinal));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization.Replace("{token}", conversation.Token, StringComparison.Ordinal));
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{method} {path}: {(int)response.StatusCode} {text}");
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_endpoint_answers_a_json_error_without_a_secret_in_production()
    {
        using var production = new BotHostFactory(null, environment: "Production");
        using var http = production.CreateClient();
        using var response = await http.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), new StringContent("{", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
