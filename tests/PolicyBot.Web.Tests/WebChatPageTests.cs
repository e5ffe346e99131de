using Microsoft.Playwright;
using PolicyBot.Testing;

namespace PolicyBot.Web.Tests;

/// <summary>
/// The page as a user has it, on the host as the run command starts it: the welcome card before the first question,
/// a typed question answered with a card and its sources, a sub-question button leading to the next card, over the
/// WebSocket and over polling, with nothing fetched from outside the bot and nothing reported on the console.
/// </summary>
[Collection(WebChatTestGroup.Name)]
public sealed class WebChatPageTests
{
    private const string Question = "What is the protection of civilians policy?";
    private const string SubQuestion = "1. What the PoC policy obliges, and whom";
    private readonly WebChatFixture _fixture;

    public WebChatPageTests(WebChatFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Welcome_card_then_an_answer_card_with_sources_and_a_sub_question_button_leads_to_the_next_card(string transport)
    {
        var host = _fixture.Host;
        await using var chat = await ChatPage.OpenAsync(_fixture.Chromium.Browser, Address(host, transport), height: 2600);

        // The welcome arrives before the user says anything (the page posts the webchat/join event).
        var welcome = await chat.WaitForBotActivitiesAsync(1);
        await Assertions.Expect(welcome.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Heading, new() { Name = "Welcome to PolicyBot" })).ToBeVisibleAsync();
        Assert.Equal(0, await chat.UserActivities.CountAsync());
        Assert.Equal("webchat-sendbox-input", await chat.Page.EvaluateAsync<string?>("document.activeElement && document.activeElement.dataset.id"));

        await chat.AskAsync(Question);
        var answer = await chat.WaitForBotActivitiesAsync(2);
        Assert.Contains(Question, await chat.UserActivities.Last.InnerTextAsync(), StringComparison.Ordinal);
        var card = answer.Locator(".ac-adaptiveCard");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Protection of Civilians (PoC)" })).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Sources" })).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "NATO Policy for the Protection of Civilians" })).ToBeVisibleAsync();
        await AssertScreenshotIsNotBlankAsync(card, $"answer-card-{transport}.png");

        // The sub-questions are folded under the answer: open them, then pick one.
        var subQuestion = card.GetByRole(AriaRole.Button, new() { Name = SubQuestion, Exact = true });
        await Assertions.Expect(subQuestion).ToBeHiddenAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "▸ More on this topic (5) and related topics (5)" }).ClickAsync();
        await subQuestion.ClickAsync();
        var next = await chat.WaitForBotActivitiesAsync(3);
        var nextCard = next.Locator(".ac-adaptiveCard");
        await Assertions.Expect(nextCard).ToBeVisibleAsync();
        Assert.Contains("oblige", await nextCard.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Send failed", await chat.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        AssertStayedOnTheBotsOrigin(chat, host);
        AssertTransport(chat, transport);
        Assert.Empty(chat.Problems);
    }

    private static Uri Address(KestrelBotHost host, string transport) =>
        new(host.BaseAddress, transport == "polling" ? "/?transport=polling" : "/");

    private static void AssertTransport(ChatPage chat, string transport)
    {
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
    }

    internal static async Task AssertScreenshotIsNotBlankAsync(ILocator element, string fileName)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var png = await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, fileName) });
        var image = PngImage.Read(png);
        Assert.True(image.Width > 50 && image.Height > 20, $"The screenshot is {image.Width}x{image.Height}.");
        Assert.True(image.DistinctColours() > 20, $"The screenshot has {image.DistinctColours()} colours: blank?");
    }

    private static void AssertStayedOnTheBotsOrigin(ChatPage chat, KestrelBotHost host)
    {
        var origin = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var socketOrigin = "ws" + origin[4..];
        var outside = chat.Requests
            .Where(url => !url.StartsWith("blob:" + origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal))
            .Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal))
            .Concat(chat.WebSockets.Where(url => !url.StartsWith(socketOrigin + "/", StringComparison.Ordinal)))
            .ToList();
        Assert.True(outside.Count == 0, "Requests left the bot's origin: " + string.Join(", ", outside));
        Assert.Contains(chat.Requests, url => url == origin + "/lib/webchat.js");
    }
}
