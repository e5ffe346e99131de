using PolicyBot.Core.Language;

namespace PolicyBot.Bots;

/// <summary>
/// The texts the host sends itself, without asking the assistant, in each language it answers in. The assistant's
/// own texts are in cards/strings/; these are here because they are sent before (or instead of) a turn of the dialog.
/// </summary>
internal static class HostTexts
{
    public const string AttachmentsNotReadEnglish = "I can only read typed questions, not attachments. Please type your question.";

    public const string AttachmentsNotReadFrench = "Je ne lis que les questions écrites, pas les pièces jointes. Veuillez taper votre question.";

    public const string SlowDownEnglish = "You are sending messages faster than I can answer them. Please wait a few seconds and try again.";

    public const string SlowDownFrench = "Vous envoyez des messages plus vite que je ne peux y répondre. Veuillez patienter quelques secondes, puis réessayer.";

    public const string SearchSlowDownEnglish = "Too many searches at once. Please wait a few seconds and search again.";

    public const string SearchSlowDownFrench = "Trop de recherches à la fois. Veuillez patienter quelques secondes, puis relancer la recherche.";

    /// <summary>What the message extension shows instead of results to a user over the search limit.</summary>
    public static string SearchSlowDown(string? locale) =>
        Languages.FromLocale(locale) == Languages.French ? SearchSlowDownFrench : SearchSlowDownEnglish;

    /// <summary>
    /// The reply to a message over the rate limit, in the language the channel's locale names (English when none):
    /// the conversation's state is not read for a message that is refused.
    /// </summary>
    public static string SlowDown(string? locale) =>
        Languages.FromLocale(locale) == Languages.French ? SlowDownFrench : SlowDownEnglish;

    /// <summary>The reply to a message that carries attachments and no text, in <paramref name="language"/> (English when unsupported).</summary>
    public static string AttachmentsNotRead(string? language) =>
        language == Languages.French ? AttachmentsNotReadFrench : AttachmentsNotReadEnglish;

    /// <summary>
    /// The language of a text the host sends itself: the one the conversation already speaks (kept in its state),
    /// else the one the channel's locale names, else English.
    /// </summary>
    public static string LanguageOf(ConversationData data, string? locale)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Languages.FromLocale(data.Language) ?? Languages.FromLocale(locale) ?? Languages.English;
    }
}
