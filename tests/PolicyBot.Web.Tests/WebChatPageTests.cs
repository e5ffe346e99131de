using Microsoft.Playwright;

namespace PolicyBot.Web.Tests;

/// <summary>
/// The page as a user has it: the welcome before the first question, a typed question answered, a card's
/// button clicked, over the WebSocket and over polling, with nothing fetched from outside the bot.
/// </summary>
[Collection(WebChatTestGroup.Name)]
public sealed class WebChatPageTests
{
    private const string Question = "What is the protection of civilians policy?";
    private readonly WebChatFixture _fixture;

    public WebChatPageTests(WebChatFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Welcome_then_a_question_is_answered_and_a_card_button_leads_on(string transport)
    {
        var address = new Uri(_fixture.Host.BaseAddress, transport == "polling" ? "/?transport=polling" : "/");
        await using var chat = await ChatPage.OpenAsync(_fixture.Chromium.Browser, address);

        // The welcome arrives before the user says anything (the page posts the webchat/join event).
        var welcome = await chat.WaitForBotActivitiesAsync(1);
        Assert.Contains("PolicyBot", await welcome.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await chat.UserActivities.CountAsync());
        Assert.Equal("webchat-sendbox-input", await chat.Page.EvaluateAsync<string?>("document.activeElement && document.activeElement.dataset.id"));

        var before = await chat.BotActivities.CountAsync();
        await chat.AskAsync(Question);
        var answer = await chat.WaitForBotActivitiesAsync(before + 1);
        Assert.Contains(Question, await chat.UserActivities.Last.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Send failed", await chat.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await AssertScreenshotIsNotBlankAsync(answer, $"answer-{transport}.png");
        if (await answer.Locator(".ac-adaptiveCard").CountAsync() > 0)
        {
            await FollowACardButtonAsync(chat, answer);
        }

        AssertStayedOnTheBotsOrigin(chat);
        if (transport == "polling")
        {
            Assert.Empty(chat.WebSockets);
            Assert.Contains(chat.Requests, url => url.Contains("/activities?watermark=", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(chat.WebSockets, url => url.Contains("/v3/directline/conversations/", StringComparison.Ordinal) && url.Contains("/stream?t=", StringComparison.Ordinal));
            Assert.DoesNotContain(chat.Requests, url => url.Contains("/activities?watermark=", StringComparison.Ordinal));
        }

        Assert.Empty(chat.Problems);
    }

    private static async Task FollowACardButtonAsync(ChatPage chat, ILocator answer)
    {
        var card = answer.Locator(".ac-adaptiveCard").First;
        var buttons = card.GetByRole(AriaRole.Button);
        Assert.True(await buttons.CountAsync() > 0, "The answer card has no buttons (sources, sub-questions).");
        var before = await chat.BotActivities.CountAsync();
        await buttons.First.ClickAsync();
        var next = await chat.WaitForBotActivitiesAsync(before + 1);
        Assert.True(await next.Locator(".ac-adaptiveCard").CountAsync() > 0, "The button's answer is not a card.");
    }

    private static async Task AssertScreenshotIsNotBlankAsync(ILocator element, string fileName)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var png = await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, fileName) });
        var image = PngImage.Decode(png);
        Assert.True(image.Width > 50 && image.Height > 20, $"The screenshot is {image.Width}x{image.Height}.");
        Assert.True(image.DistinctColours() > 20, $"The screenshot has {image.DistinctColours()} colours: blank?");
    }

    private void AssertStayedOnTheBotsOrigin(ChatPage chat)
    {
        var origin = _fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var socketOrigin = "ws" + origin[4..];
        var outside = chat.Requests
            .Where(url => !url.StartsWith("blob:", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal))
            .Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal))
            .Concat(chat.WebSockets.Where(url => !url.StartsWith(socketOrigin + "/", StringComparison.Ordinal)))
            .ToList();
        Assert.True(outside.Count == 0, "Requests left the bot's origin: " + string.Join(", ", outside));
        Assert.Contains(chat.Requests, url => url.EndsWith("/lib/webchat.js", StringComparison.Ordinal));
    }
}
