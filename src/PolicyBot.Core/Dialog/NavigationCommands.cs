using System.Globalization;
using System.Text;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Dialog;

public enum NavigationCommand
{
    None,
    Help,
    Menu,
    Back,
    StartOver,
    More,
    Sources,

    /// <summary>"English", "français": answer in that language from now on.</summary>
    SwitchLanguage,
}

/// <summary>A command a whole message stands for, and the language its words belong to (null when both use them: "menu", "?").</summary>
internal readonly record struct ParsedCommand(NavigationCommand Command, string? Language)
{
    public static ParsedCommand None { get; } = new(NavigationCommand.None, null);
}

/// <summary>
/// Recognises the few words that move around the tree ("back", "retour", "menu", "2", …) before any matching, in
/// English and French. Messages are simplified first (lower case, accents folded), so "Précédent" and "precedent"
/// are one command.
/// </summary>
internal static class NavigationCommands
{
    private static readonly Dictionary<string, ParsedCommand> Commands = Build(
        (NavigationCommand.Help, null, ["?"]),
        (NavigationCommand.Help, Languages.English, ["help", "what can you do", "how does this work"]),
        (NavigationCommand.Help, Languages.French, ["aide", "a l aide", "que sais tu faire", "que savez vous faire", "comment ca marche", "comment ca fonctionne"]),
        (NavigationCommand.Menu, null, ["menu"]),
        (NavigationCommand.Menu, Languages.English, ["main menu", "topics", "topic menu", "show topics", "list topics", "home", "hi", "hello"]),
        (NavigationCommand.Menu, Languages.French, ["menu principal", "sujets", "les sujets", "liste des sujets", "themes", "les themes", "accueil", "bonjour", "salut"]),
        (NavigationCommand.Back, Languages.English, ["back", "go back", "previous"]),
        (NavigationCommand.Back, Languages.French, ["retour", "revenir", "precedent", "en arriere"]),
        (NavigationCommand.StartOver, Languages.English, ["start over", "restart", "reset", "start again"]),
        (NavigationCommand.StartOver, Languages.French, ["recommencer", "tout recommencer", "reprendre a zero", "reinitialiser", "on recommence"]),
        (NavigationCommand.More, Languages.English, ["more", "tell me more", "more please", "next", "go on"]),
        (NavigationCommand.More, Languages.French, ["plus", "en savoir plus", "la suite", "suite", "suivant", "continuer", "encore"]),
        (NavigationCommand.Sources, null, ["sources", "source", "documents", "references"]),
        (NavigationCommand.Sources, Languages.English, ["links"]),
        (NavigationCommand.Sources, Languages.French, ["liens", "les sources", "les documents", "textes"]));

    // The language a switch asks for: the language's own name, the other language's name for it, "in English".
    private static readonly Dictionary<string, string> LanguageSwitches = new(StringComparer.Ordinal)
    {
        ["english"] = Languages.English,
        ["in english"] = Languages.English,
        ["anglais"] = Languages.English,
        ["en anglais"] = Languages.English,
        ["francais"] = Languages.French,
        ["en francais"] = Languages.French,
        ["french"] = Languages.French,
        ["in french"] = Languages.French,
    };

    /// <summary>The command a whole (simplified) message stands for, or <see cref="ParsedCommand.None"/>.</summary>
    public static ParsedCommand Parse(string simplified)
    {
        if (LanguageSwitches.TryGetValue(simplified, out var language))
        {
            return new ParsedCommand(NavigationCommand.SwitchLanguage, language);
        }

        return Commands.TryGetValue(simplified, out var command) ? command : ParsedCommand.None;
    }

    /// <summary>"2", "#2", "option 2", "number 2", "numéro 2", "n° 2" → 2; else null.</summary>
    public static int? ParseChoice(string simplified)
    {
        var text = simplified;
        foreach (var prefix in (string[])["option ", "number ", "no ", "numero ", "n ", "#"])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..].Trim();
            }
        }

        return text.Length is > 0 and <= 2 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>
    /// Lower case with accents folded ("é" → "e", "œ" → "oe"), letters, digits, '#' and '?' kept, other characters
    /// (apostrophes too: "qu'est-ce" → "qu est ce") as single spaces; trimmed.
    /// </summary>
    public static string Simplify(string text)
    {
        var buffer = new StringBuilder(Math.Min(text.Length, 200));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 200)))
        {
            if (char.IsLetterOrDigit(c) || c is '#' or '?')
            {
                AppendFolded(buffer, char.ToLowerInvariant(c));
            }
            else if (buffer.Length > 0 && buffer[^1] != ' ')
            {
                buffer.Append(' ');
            }
        }

        var simplified = buffer.ToString().Trim();
        // "help?" and "menu!" are still commands; a lone "?" is help.
        return simplified.Length > 1 ? simplified.TrimEnd('?').TrimEnd() : simplified;
    }

    // Accents folded as the matcher folds them: "précédent" and "precedent" are one command.
    private static void AppendFolded(StringBuilder buffer, char c)
    {
        Span<char> folded = stackalloc char[2];
        buffer.Append(folded[..TextNormalizer.Fold([c], folded)]);
    }

    private static Dictionary<string, ParsedCommand> Build(params (NavigationCommand Command, string? Language, string[] Words)[] groups)
    {
        var commands = new Dictionary<string, ParsedCommand>(StringComparer.Ordinal);
        foreach (var (command, language, words) in groups)
        {
            foreach (var word in words)
            {
                commands.Add(word, new ParsedCommand(command, language));
            }
        }

        return commands;
    }
}
