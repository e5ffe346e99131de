using PolicyBot.Core.Language;

namespace PolicyBot.Core.Dialog;

/// <summary>
/// Which language a reply is in. A pure function of the turn: the language the user asked for ("Français" button,
/// "english" typed); else the message's own language when it is clear; else the conversation's, so a short reply
/// ("1", "merci", "more") keeps it; else the language of a command word ("aide", "retour"); else the channel's
/// locale; else English. A welcome follows the channel's locale first: nothing has been said yet.
/// </summary>
public static class ReplyLanguage
{
    public static string Choose(UserInput input, DialogContext context, LanguageDetector detector)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(detector);
        var locale = Languages.FromLocale(input.Locale);
        var conversation = Languages.FromLocale(context.Language);
        return input.Kind switch
        {
            UserInputKind.Welcome => locale ?? conversation ?? Languages.English,
            UserInputKind.Submit when input.Action == SubmitActions.Language =>
                Languages.FromLocale(input.Value) ?? conversation ?? locale ?? Languages.English,
            UserInputKind.Submit => conversation ?? locale ?? Languages.English,
            _ => OfText(input.Text, conversation, locale, detector),
        };
    }

    private static string OfText(string text, string? conversation, string? locale, LanguageDetector detector)
    {
        var command = NavigationCommands.Parse(NavigationCommands.Simplify(text));
        if (command.Command == NavigationCommand.SwitchLanguage && command.Language is { } asked)
        {
            return asked;
        }

        return detector.Detect(text) ?? conversation ?? command.Language ?? locale ?? Languages.English;
    }
}
