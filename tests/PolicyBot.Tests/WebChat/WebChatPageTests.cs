using System.Net;
using System.Text.Json.Nodes;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.WebChat;

/// <summary>The page, its files and its headers, and which Direct Line the page is told to use.</summary>
public sealed class WebChatPageTests : IClassFixture<BotHostFactory>
{
    private readonly BotHostFactory _factory;

    public WebChatPageTests(BotHostFactory factory) => _factory = factory;

    private static string Csp(HttpResponseMessage response) => string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_policy_that_allows_only_the_bots_own_origin()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("lib/webchat.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        var csp = Csp(response);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws://localhost;", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("directline.botframework.com", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/lib/webchat.js", "text/javascript")]
    [InlineData("/lib/webchat.js.LICENSE.txt", "text/plain")]
    [InlineData("/webchat-page.js", "text/javascript")]
    [InlineData("/webchat-page.css", "text/css")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_page_files_and_the_Web_Chat_bundle_come_from_the_bot(string path, string mediaType)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Content.Headers.ContentLength > 100);
    }

    [Fact]
    public async Task In_development_the_page_is_told_to_use_the_bots_own_Direct_Line_and_its_token_is_not_cached()
    {
        using var client = _factory.CreateClient();
        var config = JsonNode.Parse(await client.GetStringAsync("/api/webchat/config"))!;
        using var token = await client.PostAsync("/api/webchat/token", null);

        Assert.Equal("development", config["mode"]!.GetValue<string>());
        Assert.Equal("v3/directline", config["domain"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("no-store", token.Headers.CacheControl?.ToString());
        Assert.Equal("no-cache", token.Headers.Pragma.ToString());
    }

    [Fact]
    public async Task In_production_the_development_Direct_Line_is_off_and_the_page_says_the_chat_is_not_set_up()
    {
        using var production = new BotHostFactory(null, null, environment: "Production");
        using var client = production.CreateClient();

        var config = JsonNode.Parse(await client.GetStringAsync("/api/webchat/config"))!;
        using var token = await client.PostAsync("/api/webchat/token", null);
        using var directLine = await client.PostAsync("/v3/directline/conversations", null);

        Assert.Equal("unavailable", config["mode"]!.GetValue<string>());
        Assert.Contains("not set up", config["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Contains("not set up", await token.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, directLine.StatusCode);
    }

    [Fact]
    public async Task In_production_the_development_Direct_Line_can_be_switched_on()
    {
        using var production = new BotHostFactory(new() { ["WebChat:DevelopmentDirectLine:Enabled"] = "true" }, null, environment: "Production");
        using var client = production.CreateClient();

        var config = JsonNode.Parse(await client.GetStringAsync("/api/webchat/config"))!;
        var directLine = await DirectLineClient.GetTokenAsync(client);

        Assert.Equal("development", config["mode"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await directLine.StartAsync()).StatusCode);
    }

    [Fact]
    public async Task In_Azure_mode_the_policy_allows_Azure_Direct_Line_and_the_configured_frame_ancestors()
    {
        using var azure = new BotHostFactory(
            new()
            {
                ["WebChat:DirectLineSecret"] = "s",
                ["WebChat:DevelopmentDirectLine:Enabled"] = "false",
                ["WebChat:AllowedFrameAncestors:0"] = "https://intranet.example.org",
            },
            null,
            environment: "Production");
        using var client = azure.CreateClient();

        using var response = await client.GetAsync("/");
        var csp = Csp(response);

        Assert.Contains("connect-src 'self' https://directline.botframework.com wss://directline.botframework.com;", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self' https://intranet.example.org", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("ws://", csp, StringComparison.Ordinal);
    }
}
