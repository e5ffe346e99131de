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
/// <param name="BrowserLocale">The browser's language, which the page and the bot follow.</param>
/// <param name="SkipLink">The page's skip link.</param>
/// <param name="Transcript">The start of Web Chat's own name for the transcript.</param>
public sealed record PageLanguage(
    string Code,
    string WelcomeHeading,
    string Question,
    string AnswerHeading,
    IReadOnlyList<string> AnswerButtons,
    string ObligationsToggle,
    string ObligationsHeading,
    string OutOfScope,
    string FallbackText,
    string BrowserLocale,
    string SkipLink,
    string Transcript)
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
            "I found nothing on",
            "en-GB",
            "Skip to the chat",
            "Chat history"),
        ["fr"] = new(
            "fr",
            "Bienvenue dans PolicyBot",
            "Qu'est-ce que la politique OTAN de protection des civils ?",
            "Protection des civils",
            [
                "▸ Qui doit faire quoi (3)",
                "Politique OTAN de protection des civils",
                "Page thématique « La protection des civils » (en anglais)",
                "▸ Évolutions depuis 2021 (3)",
                "▸ Plus sur ce sujet (5) et sujets connexes (5)",
                "👍 Utile",
                "👎 Pas utile",
                "◀ Retour",
                "☰ Sujets",
            ],
            "▸ Qui doit faire quoi (3)",
            "Qui doit faire quoi",
            "les résultats du match de foot ce soir",
            "rien trouvé sur",
            "fr-FR",
            "Aller à la conversation",
            "Historique des conversations"),
    };

    public static TheoryData<string> Codes() => [.. All.Keys];
}
