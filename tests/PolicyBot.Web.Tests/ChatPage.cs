using Microsoft.Playwright;

namespace PolicyBot.Web.Tests;

/// <summary>
/// The chat page in one browser tab, with every request and WebSocket it opens recorded, and what Web Chat
/// shows read through its own markup (Web Chat 4.18).
/// </summary>
public sealed class ChatPage : IAsyncDisposable
{
    private const string BotActivity = ".webchat__basic-transcript__activity:has(.webchat__stacked-layout:not(.webchat__stacked-layout--from-user))";
    private const string UserActivity = ".webchat__basic-transcript__activity:has(.webchat__stacked-layout--from-user)";
    private const string UnknownActionNoise = "Web Chat: received unknown action from Adaptive Cards";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly IBrowserContext _context;
    private readonly List<string> _requests = [];
    private readonly List<string> _webSockets = [];
    private readonly List<string> _problems = [];
    private bool _skipNextError;

    private ChatPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => Record(_requests, request.Url);
        page.WebSocket += (_, socket) => Record(_webSockets, socket.Url);
        page.Console += (_, message) =>
        {
            if (message.Type is not ("error" or "warning"))
            {
                return;
            }

            // Web Chat 4.18 logs every Action.ToggleVisibility click as an unknown action, then the action object,
            // though the toggle works (BotFramework-WebChat issue 4761): not a problem of the page.
            if (message.Text == UnknownActionNoise)
            {
                _skipNextError = true;
                return;
            }

            if (_skipNextError && message.Type == "error")
            {
                _skipNextError = false;
                return;
            }

            Record(_problems, $"{message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => Record(_problems, "page error: " + error);
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Requests => Snapshot(_requests);

    public IReadOnlyList<string> WebSockets => Snapshot(_webSockets);

    /// <summary>Console errors and warnings (a CSP violation is one) and uncaught exceptions.</summary>
    public IReadOnlyList<string> Problems => Snapshot(_problems);

    public ILocator BotActivities => Page.Locator(BotActivity);

    public ILocator UserActivities => Page.Locator(UserActivity);

    public ILocator SendBox => Page.Locator("[data-id='webchat-sendbox-input']");

    /// <summary>Opens the page; a tall window lets a whole answer card fit in the transcript for its screenshot.</summary>
    /// <param name="locale">The browser's language (navigator.languages), e.g. "fr-FR"; null for Chromium's default.</param>
    public static async Task<ChatPage> OpenAsync(IBrowser browser, Uri address, int height = 900, int width = 1100, string? locale = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = locale });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Wait.TotalMilliseconds);
        var chat = new ChatPage(context, page);
        await page.GotoAsync(address.ToString());
        return chat;
    }

    /// <summary>Waits until the bot has shown at least <paramref name="count"/> activities and returns the last.</summary>
    public async Task<ILocator> WaitForBotActivitiesAsync(int count)
    {
        await Page.WaitForFunctionAsync(
            "([selector, count]) => document.querySelectorAll(selector).length >= count",
            new object[] { BotActivity, count },
            new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds });
        return BotActivities.Nth(count - 1);
    }

    public async Task AskAsync(string question)
    {
        await SendBox.FillAsync(question);
        await SendBox.PressAsync("Enter");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static void Record(List<string> list, string value)
    {
        lock (list)
        {
            list.Add(value);
        }
    }

    private static List<string> Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}
