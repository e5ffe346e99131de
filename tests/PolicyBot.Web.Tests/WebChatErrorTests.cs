using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Moq.Protected;

namespace PolicyBot.Web.Tests;

/// <summary>When Azure Bot Service refuses the token, the page says so in words (not a blank widget).</summary>
[Collection(WebChatTestGroup.Name)]
public sealed class WebChatErrorTests
{
    private readonly Chromium _chromium;

    public WebChatErrorTests(WebChatFixture fixture) => _chromium = fixture.Chromium;

    [Fact]
    public async Task A_refused_Direct_Line_secret_shows_a_clear_message_on_the_page()
    {
        var azure = new Mock<HttpMessageHandler>(MockBehavior.Strict);
        azure.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .ReturnsAsync(() => new HttpResponseMessage(HttpStatusCode.Forbidden));
        await using var host = new KestrelBotHost(
            "Production",
            new() { ["WebChat:DirectLineSecret"] = "refused-secret", ["WebChat:DevelopmentDirectLine:Enabled"] = "false" },
            services => services.AddHttpClient(PolicyBot.WebChat.DirectLineTokenClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => azure.Object));
        await using var chat = await ChatPage.OpenAsync(_chromium.Browser, host.BaseAddress);

        var status = chat.Page.Locator("#status");
        await status.WaitForAsync();
        var message = await status.InnerTextAsync();

        Assert.Contains("not available right now", message, StringComparison.Ordinal);
        Assert.Equal("alert", await status.GetAttributeAsync("role"));
        Assert.DoesNotContain("refused-secret", await chat.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(chat.Requests, url => url.Contains("directline.botframework.com", StringComparison.Ordinal));
    }
}
