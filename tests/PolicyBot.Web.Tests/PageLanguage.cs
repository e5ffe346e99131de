namespace PolicyBot.Web.Tests;

/// <summary>
/// What the accessibility and keyboard tests ask and expect in one language of the page. French is a row more in
/// <see cref="All"/> once the page's lang follows the replies' language.
/// </summary>
/// <param name="Code">The page's lang attribute once the bot has answered in this language.</param>
/// <param name="WelcomeHeading">The welcome card's heading.</param>
/// <param name="Question">A question the bot answers with a topic card.</param>
/// <param name="AnswerHeading">That card's heading.</param>
/// <param name="AnswerButtons">That card's buttons in reading order, as shown before anything is unfolded.</param>
/// <param name="ObligationsToggle">The toggle that unfolds the topic's obligations.</param>
/// <param name="ObligationsHeading">The heading it shows.</param>
/// <param name="OutOfScope">A question no topic answers.</param>
/// <param name="FallbackText">The start of the fallback card's answer to it.</param>
public sealed record PageLanguage(
    string Code,
    string WelcomeHeading,
    string Question,
    string AnswerHeading,
    IReadOnlyList<string> AnswerButtons,
    string ObligationsToggle,
    string ObligationsHeading,
    string OutOfScope,
    string FallbackText)
{
    public static IReadOnlyDictionary<string, PageLanguage> All { get; } = new Dictionary<string, PageLanguage>
    {
        ["en"] = new(
            "en",
            "Welcome to PolicyBot",
            "What is the protection of civilians policy?",
            "Protection of Civilians (PoC)",
            [
                "▸ Who must do what (3)",
                "NATO Policy for the Protection of Civilians",
                "\"Protection of civilians\" topic page",
                "▸ What changed since 2021 (3)",
                "▸ More on this topic (5) and related topics (5)",
                "👍 Helpful",
                "👎 Not helpful",
                "◀ Back",
                "☰ Topics",
            ],
            "▸ Who must do what (3)",
            "Who must do what",
            "football results tonight",
            "I found nothing on"),
    };

    public static TheoryData<string> Codes() => [.. All.Keys];
}
