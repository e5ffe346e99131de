using Microsoft.Playwright;

namespace PolicyBot.Web.Tests;

/// <summary>
/// The page in French: for a browser that prefers French, or opened with ?locale=fr, the page's own texts, its
/// &lt;html lang&gt;, Web Chat's interface (its French strings) and the bot's welcome card are French; the activities
/// the page sends carry the French locale, so the answers that follow are French too.
/// </summary>
[Collection(WebChatTestGroup.Name)]
public sealed class FrenchPageTests
{
    private readonly WebChatFixture _fixture;

    public FrenchPageTests(WebChatFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task With_locale_fr_the_page_Web_Chat_and_the_cards_are_in_French()
    {
        await using var chat = await ChatPage.OpenAsync(_fixture.Chromium.Browser, new Uri(_fixture.Host.BaseAddress, "/?locale=fr"), height: 2600, locale: "en-US");

        var welcome = await chat.WaitForBotActivitiesAsync(1);
        await Assertions.Expect(welcome.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Heading, new() { Name = "Bienvenue dans PolicyBot" })).ToBeVisibleAsync();
        Assert.Equal("fr", await chat.Page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.StartsWith("PolicyBot · Assistant", await chat.Page.TitleAsync(), StringComparison.Ordinal);
        await Assertions.Expect(chat.Page.Locator(".site-header__intro")).ToContainTextAsync("Posez vos questions");
        await Assertions.Expect(chat.Page.Locator("#chat")).ToHaveAttributeAsync("aria-label", "Conversation avec PolicyBot");
        await Assertions.Expect(chat.Page.Locator(".site-footer")).ToContainTextAsync("Les réponses proviennent");

        // Web Chat's own interface speaks French: its send box no longer says "Type your message".
        var placeholder = await chat.SendBox.GetAttributeAsync("placeholder");
        Assert.False(string.IsNullOrWhiteSpace(placeholder));
        Assert.DoesNotContain("Type your message", placeholder, StringComparison.OrdinalIgnoreCase);

        // A click on the French welcome card opens the topic in French.
        await welcome.GetByRole(AriaRole.Button, new() { Name = "2. Protection des civils" }).ClickAsync();
        var topic = (await chat.WaitForBotActivitiesAsync(2)).Locator(".ac-adaptiveCard");
        await Assertions.Expect(topic.GetByRole(AriaRole.Heading, new() { Name = "Protection des civils" })).ToBeVisibleAsync();
        await Assertions.Expect(topic.GetByRole(AriaRole.Button, new() { Name = "◀ Retour" })).ToBeVisibleAsync();
        Assert.Empty(chat.Problems);
    }

    [Fact]
    public async Task A_browser_that_prefers_French_gets_the_page_in_French_and_locale_en_overrides_it()
    {
        await using (var french = await ChatPage.OpenAsync(_fixture.Chromium.Browser, _fixture.Host.BaseAddress, locale: "fr-FR"))
        {
            var welcome = await french.WaitForBotActivitiesAsync(1);
            await Assertions.Expect(welcome.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Heading, new() { Name = "Bienvenue dans PolicyBot" })).ToBeVisibleAsync();
            Assert.Equal("fr", await french.Page.EvaluateAsync<string>("document.documentElement.lang"));
            await Assertions.Expect(french.Page.Locator(".skip-link")).ToHaveTextAsync("Aller à la conversation");
        }

        await using var english = await ChatPage.OpenAsync(_fixture.Chromium.Browser, new Uri(_fixture.Host.BaseAddress, "/?locale=en"), locale: "fr-FR");
        var englishWelcome = await english.WaitForBotActivitiesAsync(1);
        await Assertions.Expect(englishWelcome.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Heading, new() { Name = "Welcome to PolicyBot" })).ToBeVisibleAsync();
        Assert.Equal("en", await english.Page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Empty(english.Problems);
    }
}
