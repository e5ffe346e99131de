using Microsoft.Playwright;
using PolicyBot.Analytics;
using PolicyBot.Analytics.Recording;
using PolicyBot.Analytics.Report;
using PolicyBot.Analytics.Storage;
using PolicyBot.Core.Knowledge;
using PolicyBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyBot.Web.Tests;

/// <summary>
/// Issue 15 in a browser: the "What was missing?" card after 👎 in a real Web Chat, and the content report's HTML
/// opened as a policy officer would (a file, nothing fetched). With POLICYBOT_DOCS_SCREENSHOTS=1 the report's
/// screenshot goes to docs/images/content-report.png for the README.
/// </summary>
[Collection(WebChatTestGroup.Name)]
public sealed class ContentReportTests(WebChatFixture fixture)
{
    [Fact]
    public async Task After_a_thumbs_down_the_card_asks_what_was_missing_and_the_note_sent_is_kept_for_the_report()
    {
        await using var chat = await ChatPage.OpenAsync(fixture.Chromium.Browser, fixture.Host.BaseAddress, height: 1400);
        await chat.WaitForBotActivitiesAsync(1);
        await chat.AskAsync("What is the protection of civilians policy?");
        var answer = (await chat.WaitForBotActivitiesAsync(2)).Locator(".ac-adaptiveCard");
        await answer.GetByRole(AriaRole.Button, new() { Name = "👎 Not helpful" }).ClickAsync();

        var card = (await chat.WaitForBotActivitiesAsync(3)).Locator(".ac-adaptiveCard");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "What was missing?" })).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Textbox).FillAsync("Who to call in theatre, e.g. cpp.desk@example.org");
        await WebChatPageTests.AssertScreenshotIsNotBlankAsync(card, "what-was-missing.png");
        await card.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var thanks = await chat.WaitForBotActivitiesAsync(4);
        await Assertions.Expect(thanks).ToContainTextAsync("Your note goes to the people who keep this content current");
        Assert.Empty(chat.Problems);

        var writer = fixture.Host.Services.GetRequiredService<AnalyticsWriter>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        FeedbackEntry? note = null;
        while (note is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the note was not written (writer: {writer.Problem ?? "no problem"})");
            await Task.Delay(100);
            await using var store = new SqliteAnalyticsStore(fixture.Host.AnalyticsPath);
            note = (await store.ReadAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None)).Feedback.LastOrDefault(f => f.Rating == Ratings.Comment);
        }

        Assert.Equal("Who to call in theatre, e.g. [email]", note.Comment);
        Assert.Equal("What is the protection of civilians policy?", note.Question);
    }

    [Fact]
    public async Task The_html_report_opens_from_a_file_with_its_charts_and_fetches_nothing()
    {
        var knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;
        using var stage = SharedMeaning.Stage(knowledge);
        var until = new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero);
        var report = ContentReportBuilder.Build(SampleLog.Make(until, knowledge), knowledge, new MeaningGrouper(stage), until.AddDays(-14), until, until, "SQLite data/policybot-analytics.db");
        var folder = Directory.CreateTempSubdirectory("policybot-report-").FullName;
        var file = Path.Combine(folder, "content-report.html");
        await File.WriteAllTextAsync(file, HtmlReport.Render(report));

        var context = await fixture.Chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        try
        {
            var page = await context.NewPageAsync();
            var requests = new List<string>();
            var problems = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            page.Console += (_, message) => problems.Add(message.Type is "error" or "warning" ? message.Text : string.Empty);
            await page.GotoAsync(new Uri(file).AbsoluteUri);

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "PolicyBot content report" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unanswered questions, grouped by meaning" })).ToBeVisibleAsync();
            Assert.Equal(3, await page.Locator("svg.chart").CountAsync());
            Assert.True((await page.Locator("svg.chart rect").CountAsync()) > 10);
            await Assertions.Expect(page.Locator("pre").First).ToContainTextAsync("examples:");
            Assert.Equal([new Uri(file).AbsoluteUri], requests);
            Assert.All(problems, p => Assert.Equal(string.Empty, p));

            var folderOut = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folderOut);
            var png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(folderOut, "content-report.png") });
            Assert.True(PngImage.Read(png).DistinctColours() > 20);
            if (Environment.GetEnvironmentVariable("POLICYBOT_DOCS_SCREENSHOTS") == "1")
            {
                File.Copy(Path.Combine(folderOut, "content-report.png"), Path.Combine(RepoPaths.Root, "docs", "images", "content-report.png"), overwrite: true);
            }
        }
        finally
        {
            await context.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Two weeks of a plausible pilot, in our own words: what the screenshot shows.</summary>
internal static class SampleLog
{
    public static AnalyticsLog Make(DateTimeOffset until, KnowledgeBase knowledge)
    {
        var random = new Random(15);
        var answers = new List<AnswerEvent>();
        var feedback = new List<FeedbackEntry>();
        var nodes = knowledge.NodesById.Values.Where(n => !n.IsRoot).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        string[] channels = ["msteams", "msteams", "msteams", "webchat", "directline"];
        string[] unanswered =
        [
            "what should a patrol do when it meets child soldiers",
            "how do we treat children we find at a checkpoint carrying weapons",
            "who in the mission reports grave violations against children",
            "is there a NATO hotline for victims of sexual violence",
            "where can survivors of sexual violence get help near the base",
            "can I claim overtime for the gender advisor course",
            "how many days of leave do I get after deployment",
            "what do I do if locals bring looted antiquities to our camp",
            "who checks that a target list avoids museums and heritage sites",
            "do contractors have to follow the anti-trafficking rules",
        ];
        for (var day = 13; day >= 0; day--)
        {
            var date = until.AddDays(-day).Date;
            var busy = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 4 : 18 + random.Next(14);
            for (var i = 0; i < busy; i++)
            {
                var time = new DateTimeOffset(date, TimeSpan.Zero).AddHours(8 + random.Next(10)).AddMinutes(random.Next(60));
                var channel = channels[random.Next(channels.Length)];
                var conversation = $"conv-{day}-{i / 3}";
                var roll = random.Next(100);
                if (roll < 68)
                {
                    var node = nodes[random.Next(nodes.Count - 8)];
                    answers.Add(new AnswerEvent(time, channel, "en", Inputs.Text, Outcomes.Answer, conversation, knowledge.ContentVersion) { NodeId = node.Id, TopicId = node.TopicId, Score = 10 + random.Next(20), Path = roll < 60 ? "keywords" : "meaning" });
                    if (random.Next(10) == 0)
                    {
                        feedback.Add(new FeedbackEntry(time.AddMinutes(1), channel, "en", node.Id, random.Next(3) == 0 ? Ratings.Down : Ratings.Up, conversation, knowledge.ContentVersion) { TopicId = node.TopicId });
                    }
                }
                else if (roll < 80)
                {
                    answers.Add(new AnswerEvent(time, channel, "en", Inputs.Text, Outcomes.Disambiguation, conversation, knowledge.ContentVersion));
                }
                else
                {
                    var question = unanswered[random.Next(unanswered.Length)];
                    answers.Add(new AnswerEvent(time, channel, "en", Inputs.Text, roll < 90 ? Outcomes.Suggestions : Outcomes.Fallback, conversation, knowledge.ContentVersion) { Question = question });
                }
            }
        }

        var rated = nodes[3];
        feedback.Add(new FeedbackEntry(until.AddDays(-2), "msteams", "en", rated.Id, Ratings.Down, "conv-2-1", knowledge.ContentVersion) { TopicId = rated.TopicId, Question = "who has to report incidents, and to whom" });
        feedback.Add(new FeedbackEntry(until.AddDays(-2).AddMinutes(1), "msteams", "en", rated.Id, Ratings.Comment, "conv-2-1", knowledge.ContentVersion) { TopicId = rated.TopicId, Comment = "The answer does not say who to report to in a mission HQ", Question = "who has to report incidents, and to whom" });
        return new AnalyticsLog([.. answers.OrderBy(a => a.Time)], [.. feedback.OrderBy(f => f.Time)]);
    }
}
