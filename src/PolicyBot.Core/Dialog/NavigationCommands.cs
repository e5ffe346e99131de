using System.Globalization;

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
}

/// <summary>Recognises the few words that move around the tree ("back", "menu", "2", …) before any matching.</summary>
internal static class NavigationCommands
{
    private static readonly Dictionary<string, NavigationCommand> Commands = new(StringComparer.Ordinal)
    {
        ["help"] = NavigationCommand.Help,
        ["?"] = NavigationCommand.Help,
        ["what can you do"] = NavigationCommand.Help,
        ["how does this work"] = NavigationCommand.Help,
        ["menu"] = NavigationCommand.Menu,
        ["main menu"] = NavigationCommand.Menu,
        ["topics"] = NavigationCommand.Menu,
        ["topic menu"] = NavigationCommand.Menu,
        ["show topics"] = NavigationCommand.Menu,
        ["list topics"] = NavigationCommand.Menu,
        ["home"] = NavigationCommand.Menu,
        ["hi"] = NavigationCommand.Menu,
        ["hello"] = NavigationCommand.Menu,
        ["back"] = NavigationCommand.Back,
        ["go back"] = NavigationCommand.Back,
        ["previous"] = NavigationCommand.Back,
        ["start over"] = NavigationCommand.StartOver,
        ["restart"] = NavigationCommand.StartOver,
        ["reset"] = NavigationCommand.StartOver,
        ["start again"] = NavigationCommand.StartOver,
        ["more"] = NavigationCommand.More,
        ["tell me more"] = NavigationCommand.More,
        ["more please"] = NavigationCommand.More,
        ["next"] = NavigationCommand.More,
        ["go on"] = NavigationCommand.More,
        ["sources"] = NavigationCommand.Sources,
        ["source"] = NavigationCommand.Sources,
        ["links"] = NavigationCommand.Sources,
        ["documents"] = NavigationCommand.Sources,
        ["references"] = NavigationCommand.Sources,
    };

    /// <summary>The command a whole message stands for, or None.</summary>
    public static NavigationCommand Parse(string simplified) =>
        Commands.TryGetValue(simplified, out var command) ? command : NavigationCommand.None;

    /// <summary>"2", "#2", "option 2", "number 2" → 2; else null.</summary>
    public static int? ParseChoice(string simplified)
    {
        var text = simplified;
        foreach (var prefix in (string[])["option ", "number ", "no ", "#"])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..].Trim();
            }
        }

        return text.Length is > 0 and <= 2 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>Lower case, letters, digits, '#' and '?' kept, other characters as single spaces; trimmed.</summary>
    public static string Simplify(string text)
    {
        var buffer = new System.Text.StringBuilder(Math.Min(text.Length, 200));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 200)))
        {
            if (char.IsLetterOrDigit(c) || c is '#' or '?')
            {
                buffer.Append(char.ToLowerInvariant(c));
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
}
