using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PolicyBot.Web.Tests;

/// <summary>
/// The page for keyboard and screen-reader users, in a real Web Chat: axe-core's WCAG 2.1 A and AA rules after a
/// welcome, an answer and a fallback card; the keyboard-only path from the top of the page to the send box and
/// through every button of a card (KeyboardTests). Each language the page speaks is a row of <see cref="PageLanguage.All"/>.
/// </summary>
[Collection(WebChatTestGroup.Name)]
public sealed class AccessibilityTests(WebChatFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static TheoryData<string> Languages() => PageLanguage.Codes();

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task After_a_welcome_an_answer_and_a_fallback_the_page_breaks_no_WCAG_2_1_A_or_AA_rule(string code)
    {
        var language = PageLanguage.All[code];
        await using var chat = await ChatPage.OpenAsync(fixture.Chromium.Browser, fixture.Host.BaseAddress, locale: language.BrowserLocale);

        var welcome = await chat.WaitForBotActivitiesAsync(1);
        await Assertions.Expect(welcome.GetByRole(AriaRole.Heading, new() { Name = language.WelcomeHeading })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(chat.Page, "after the welcome");

        await chat.AskAsync(language.Question);
        var answer = await chat.WaitForBotActivitiesAsync(2);
        await Assertions.Expect(answer.GetByRole(AriaRole.Heading, new() { Name = language.AnswerHeading })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(chat.Page, "after an answer");

        await chat.AskAsync(language.OutOfScope);
        var fallback = await chat.WaitForBotActivitiesAsync(3);
        await Assertions.Expect(fallback.GetByText(language.FallbackText).First).ToBeVisibleAsync();
        await AssertNoViolationsAsync(chat.Page, "after a fallback");

        Assert.Equal(language.Code, await chat.Page.GetAttributeAsync("html", "lang"));
        Assert.Empty(chat.Problems);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_keyboard_user_tabs_from_the_top_of_the_page_to_the_send_box_seeing_where_focus_is_and_asks_with_Enter(string code)
    {
        var language = PageLanguage.All[code];
        await using var chat = await ChatPage.OpenAsync(fixture.Chromium.Browser, fixture.Host.BaseAddress, locale: language.BrowserLocale);
        await chat.WaitForBotActivitiesAsync(1);
        await HideCaretAsync(chat.Page);

        // From the top of the page, as a keyboard user arriving on it: the skip link first, and it leads to the chat.
        await chat.Page.EvaluateAsync("() => { document.activeElement?.blur(); document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); }");
        await chat.Page.Keyboard.PressAsync("Tab");
        var skipLink = chat.Page.GetByRole(AriaRole.Link, new() { Name = language.SkipLink });
        await Assertions.Expect(skipLink).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(chat.Page, "the skip link");
        await chat.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(chat.Page.Locator("#chat")).ToBeFocusedAsync();

        var stops = new List<string>();
        for (var i = 0; i < 6 && !await IsFocusedAsync(chat.SendBox); i++)
        {
            await chat.Page.Keyboard.PressAsync("Tab");
            var focused = chat.Page.Locator(":focus");
            stops.Add(await DescribeAsync(focused));
            await AssertFocusVisibleAsync(chat.Page, stops[^1]);
        }

        output.WriteLine("Tab stops from the skip link's target: " + string.Join(" → ", stops));
        await Assertions.Expect(chat.SendBox).ToBeFocusedAsync();
        await chat.Page.Keyboard.TypeAsync(language.Question);
        await chat.Page.Keyboard.PressAsync("Enter");
        var answer = await chat.WaitForBotActivitiesAsync(2);
        await Assertions.Expect(answer.GetByRole(AriaRole.Heading, new() { Name = language.AnswerHeading })).ToBeVisibleAsync();
        Assert.Empty(chat.Problems);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_keyboard_user_reaches_every_button_of_an_answer_card_in_order_and_Enter_activates_them(string code)
    {
        var language = PageLanguage.All[code];
        await using var chat = await ChatPage.OpenAsync(fixture.Chromium.Browser, fixture.Host.BaseAddress, locale: language.BrowserLocale);
        await chat.WaitForBotActivitiesAsync(1);
        await HideCaretAsync(chat.Page);
        await chat.AskAsync(language.Question);
        var card = (await chat.WaitForBotActivitiesAsync(2)).Locator(".ac-adaptiveCard");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = language.AnswerHeading })).ToBeVisibleAsync();

        // Web Chat's transcript is one Tab stop; Enter goes into its latest message, whose buttons Tab then walks.
        var transcript = chat.Page.GetByRole(AriaRole.Group, new() { Name = language.Transcript, Exact = false });
        for (var i = 0; i < 4 && !await IsFocusedAsync(transcript); i++)
        {
            await chat.Page.Keyboard.PressAsync("Shift+Tab");
        }

        await Assertions.Expect(transcript).ToBeFocusedAsync();
        await chat.Page.Keyboard.PressAsync("Enter");
        var order = new List<string>();
        for (var i = 0; i < language.AnswerButtons.Count; i++)
        {
            var focused = chat.Page.Locator(":focus");
            Assert.Equal(1, await card.Locator(":focus").CountAsync());
            order.Add((await focused.InnerTextAsync()).Trim());
            await AssertFocusVisibleAsync(chat.Page, order[^1]);
            await chat.Page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal(language.AnswerButtons, order);

        // Focus stays in the card (Web Chat keeps it there until Escape): Tab came back to the first button. Enter unfolds.
        Assert.Equal(language.AnswerButtons[0], (await chat.Page.Locator(":focus").InnerTextAsync()).Trim());
        var obligations = card.GetByRole(AriaRole.Heading, new() { Name = language.ObligationsHeading });
        await Assertions.Expect(obligations).ToBeHiddenAsync();
        await chat.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(obligations).ToBeVisibleAsync();

        // The last button (the topics) answers with a new card.
        await chat.Page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal(language.AnswerButtons[^1], (await chat.Page.Locator(":focus").InnerTextAsync()).Trim());
        await chat.Page.Keyboard.PressAsync("Enter");
        await chat.WaitForBotActivitiesAsync(3);

        // Escape leaves the card for the transcript.
        await chat.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(transcript).ToBeFocusedAsync();
        Assert.Empty(chat.Problems);
    }

    /// <summary>The caret blinks: hidden, so a screenshot changes only with what the page draws for focus.</summary>
    private static async Task HideCaretAsync(IPage page) => await page.AddStyleTagAsync(new() { Content = "* { caret-color: transparent !important; }" });

    private static async Task<bool> IsFocusedAsync(ILocator locator) =>
        await locator.CountAsync() == 1 && await locator.EvaluateAsync<bool>("e => e === document.activeElement");

    private static async Task<string> DescribeAsync(ILocator focused) =>
        await focused.EvaluateAsync<string>("e => e.getAttribute('aria-label') || e.dataset.id || e.innerText.trim().slice(0, 40) || e.tagName");

    /// <summary>Focus is visible when the page looks different around the focused element with focus than without it.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page, string what)
    {
        // Around the element: a ring may be drawn outside it, or on its container (the send box's).
        const int Margin = 16;

        // The element itself, not a ":focus" locator: that one would lose it on blur.
        var focused = (IElementHandle)await page.EvaluateHandleAsync("() => document.activeElement");
        var box = await focused.BoundingBoxAsync() ?? throw new InvalidOperationException($"{what} is not on the page");
        var viewport = page.ViewportSize!;
        var x = Math.Max(0, box.X - Margin);
        var y = Math.Max(0, box.Y - Margin);
        var clip = new Clip { X = x, Y = y, Width = Math.Min(viewport.Width - x, box.Width + (2 * Margin)), Height = Math.Min(viewport.Height - y, box.Height + (2 * Margin)) };
        var withFocus = PolicyBot.Testing.PngImage.Read(await page.ScreenshotAsync(new() { Clip = clip }));
        await focused.EvaluateAsync("e => e.blur()");
        var without = PolicyBot.Testing.PngImage.Read(await page.ScreenshotAsync(new() { Clip = clip }));
        await focused.FocusAsync();

        var changed = 0;
        for (var py = 0; py < Math.Min(withFocus.Height, without.Height); py++)
        {
            for (var px = 0; px < Math.Min(withFocus.Width, without.Width); px++)
            {
                changed += withFocus.Pixel(px, py) == without.Pixel(px, py) ? 0 : 1;
            }
        }

        Assert.True(changed >= 40, $"{what}: focus shows no indicator ({changed} pixels change with it)");
    }

    private async Task AssertNoViolationsAsync(IPage page, string when)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var violations = result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" ", n.Target)}: {n.Html}"))
            .ToList();
        output.WriteLine($"{when}: {result.Passes.Length} rules passed, {violations.Count} violations");
        Assert.True(violations.Count == 0, $"{when}:\n" + string.Join("\n", violations));
    }
}
