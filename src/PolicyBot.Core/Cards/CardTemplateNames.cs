namespace PolicyBot.Core.Cards;

/// <summary>The templates in cards/ (file name without .json) that the renderer needs.</summary>
public static class CardTemplateNames
{
    public const string Node = "node";
    public const string Disambiguation = "disambiguation";
    public const string Fallback = "fallback";
    public const string Welcome = "welcome";
    public const string Menu = "menu";
    public const string Help = "help";

    /// <summary>The answer shared into a conversation (Teams' message extension and link previews).</summary>
    public const string Share = "share";

    /// <summary>After 👎: "What was missing?", one optional text box and Send.</summary>
    public const string Feedback = "feedback";

    public static IReadOnlyList<string> Required { get; } = [Node, Disambiguation, Fallback, Welcome, Menu, Help, Share, Feedback];
}
