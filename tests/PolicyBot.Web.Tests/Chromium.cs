using Microsoft.Playwright;

// One browser at a time on a small machine: the browser tests share one Chromium and run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PolicyBot.Web.Tests;

/// <summary>One headless Chromium (Debian's /usr/bin/chromium; ./test.sh installs it) for all the browser tests.</summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium (apt-get install -y chromium), or run ./test.sh, which does.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Without the background-networking flags Chromium keeps trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The browser and the development host, shared by the tests that talk to the bot.</summary>
public sealed class WebChatFixture : IAsyncLifetime
{
    public Chromium Chromium { get; } = new();

    /// <summary>The host as the run command starts it (Development: the bot's own Direct Line, the repo's knowledge and cards).</summary>
    public KestrelBotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new KestrelBotHost();
        await Chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebChatTestGroup : ICollectionFixture<WebChatFixture>
{
    public const string Name = "web chat in Chromium";
}
