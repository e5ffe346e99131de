using PolicyBot.Core.Knowledge;
using Microsoft.Playwright;
using PolicyBot.Testing;
using Xunit.Abstractions;

namespace PolicyBot.Web.Tests;

/// <summary>
/// Issue 13 in a real Web Chat: the answer cards read answer first, open their folded parts with
/// Action.ToggleVisibility, and a topic answer fits a laptop screen. Screenshots of a topic, an obligations answer and
/// "what's new" go to the test output; with POLICYBOT_DOCS_SCREENSHOTS=1 also to docs/images for the README.
/// </summary>
[Collection(WebChatTestGroup.Name)]
public sealed class AnswerCardTests(WebChatFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// A laptop's browser window: a 1920 x 1080 screen less about 120 px of taskbar and browser bars. The page's header
    /// and send box take their share of it, measured below. (At 125 % scaling the window is 775 px; the topic card
    /// is then about 130 px taller than the conversation shown, see the output.)
    /// </summary>
    private const int LaptopViewportHeight = 960;

    private const int PageHeight = 3000;

    [Fact]
    public async Task A_topic_an_obligations_answer_and_whats_new_read_answer_first_and_unfold_on_click()
    {
        await using var chat = await ChatPage.OpenAsync(fixture.Chromium.Browser, fixture.Host.BaseAddress, height: PageHeight, width: 900);
        await chat.WaitForBotActivitiesAsync(1);

        // A topic: its answer and sources first, the rest folded so the card fits a laptop screen.
        await chat.AskAsync("What is the protection of civilians policy?");
        var topic = (await chat.WaitForBotActivitiesAsync(2)).Locator(".ac-adaptiveCard");
        await Assertions.Expect(topic.GetByRole(AriaRole.Heading, new() { Name = "Protection of Civilians (PoC)" })).ToBeVisibleAsync();
        await Assertions.Expect(topic.GetByText("Latest:")).ToBeVisibleAsync();
        var topicHeight = (await topic.BoundingBoxAsync())!.Height;
        var transcript = (await chat.Page.Locator(".webchat__basic-transcript__scrollable").BoundingBoxAsync())!.Height;
        var laptopTranscript = LaptopViewportHeight - (PageHeight - transcript);
        output.WriteLine($"topic card: {topicHeight:0} px high; a 1080p laptop shows {laptopTranscript:0} px of the conversation, at 125 % {laptopTranscript - (LaptopViewportHeight - 775):0} px");
        Assert.True(topicHeight <= laptopTranscript, $"The topic card is {topicHeight:0} px high: more than the {laptopTranscript:0} px a laptop shows.");
        await Screenshot(topic, "answer-card-topic.png");

        // The folded history is today's content: the PoC topic's changes but its latest.
        var poc = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!.Find("protection-of-civilians")!;
        var olderText = poc.Changes.OrderByDescending(c => c.Date, StringComparer.Ordinal).Skip(1).First().Text.Get();
        var earlierChange = topic.GetByText(olderText[..Math.Min(40, olderText.Length)]);
        await Assertions.Expect(earlierChange).ToBeHiddenAsync();
        await topic.GetByRole(AriaRole.Button, new() { Name = $"▸ What changed since 2021 ({poc.Changes.Count - 1})" }).ClickAsync();
        await Assertions.Expect(earlierChange).ToBeVisibleAsync();

        // An obligations answer: who must do what, open, right under the title and summary.
        await chat.AskAsync("What does the PoC policy oblige NATO to do?");
        var obligations = (await chat.WaitForBotActivitiesAsync(3)).Locator(".ac-adaptiveCard");
        await Assertions.Expect(obligations.GetByRole(AriaRole.Heading, new() { Name = "Who must do what" })).ToBeVisibleAsync();
        await AssertAboveAsync(obligations.GetByRole(AriaRole.Heading, new() { Name = "Who must do what" }), obligations.GetByRole(AriaRole.Heading, new() { Name = "Sources" }));
        await AssertAboveAsync(obligations.GetByRole(AriaRole.Heading, new() { Name = "Sources" }), obligations.GetByText("Latest:"));
        await Screenshot(obligations, "answer-card-obligations.png");

        // What's new: the timeline, newest first, each change with its topic button.
        await chat.AskAsync("What changed since 2021?");
        var whatsNew = (await chat.WaitForBotActivitiesAsync(4)).Locator(".ac-adaptiveCard");
        await Assertions.Expect(whatsNew.GetByRole(AriaRole.Heading, new() { Name = "What changed since 2021" })).ToBeVisibleAsync();
        await Assertions.Expect(whatsNew.GetByRole(AriaRole.Button, new() { Name = "Women, Peace and Security (WPS)" }).First).ToBeVisibleAsync();
        await Screenshot(whatsNew, "answer-card-whats-new.png");

        var topicButtons = whatsNew.GetByRole(AriaRole.Button, new() { Name = "Countering Trafficking in Human Beings (CTHB)" });
        var visibleBefore = await VisibleCountAsync(topicButtons);
        await whatsNew.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^▸ Earlier changes \\(\\d+\\)$") }).ClickAsync();
        Assert.True(await VisibleCountAsync(topicButtons) > visibleBefore, "the earlier changes did not unfold");
        var trafficking = topicButtons.Last;
        await trafficking.ClickAsync();
        var topicCard = (await chat.WaitForBotActivitiesAsync(5)).Locator(".ac-adaptiveCard");
        await Assertions.Expect(topicCard.GetByRole(AriaRole.Heading, new() { Name = "Countering Trafficking in Human Beings (CTHB)" })).ToBeVisibleAsync();
        Assert.Empty(chat.Problems);
    }

    private static async Task<int> VisibleCountAsync(ILocator locator)
    {
        var visible = 0;
        for (var i = 0; i < await locator.CountAsync(); i++)
        {
            visible += await locator.Nth(i).IsVisibleAsync() ? 1 : 0;
        }

        return visible;
    }

    private static async Task AssertAboveAsync(ILocator upper, ILocator lower)
    {
        var a = (await upper.BoundingBoxAsync())!;
        var b = (await lower.BoundingBoxAsync())!;
        Assert.True(a.Y < b.Y, $"{a.Y} is not above {b.Y}");
    }

    private static async Task Screenshot(ILocator card, string fileName)
    {
        await WebChatPageTests.AssertScreenshotIsNotBlankAsync(card, fileName);
        if (Environment.GetEnvironmentVariable("POLICYBOT_DOCS_SCREENSHOTS") == "1")
        {
            var folder = Path.Combine(RepoPaths.Root, "docs", "images");
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(AppContext.BaseDirectory, "screenshots", fileName), Path.Combine(folder, fileName), overwrite: true);
        }
    }
}
