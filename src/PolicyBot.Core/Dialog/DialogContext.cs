namespace PolicyBot.Core.Dialog;

/// <summary>
/// Where a conversation stands: small and serialisable, kept in the bot's conversation state (memory or Redis).
/// It holds ids only, never what the user typed.
/// </summary>
public sealed record DialogContext
{
    /// <summary>The node last shown, or null at the start.</summary>
    public string? CurrentNodeId { get; init; }

    /// <summary>The options just offered (menu or disambiguation), so "2" or a title picks one.</summary>
    public IReadOnlyList<string> OfferedNodeIds { get; init; } = [];

    /// <summary>The nodes shown before the current one, most recent last, for "back".</summary>
    public IReadOnlyList<string> History { get; init; } = [];

    /// <summary>Fallbacks in a row; after two the policy office contact is offered.</summary>
    public int MissesInARow { get; init; }

    /// <summary>The language of the conversation ("en", "fr"): the last reply's, kept for short messages ("1", "merci"). Null until chosen.</summary>
    public string? Language { get; init; }

    /// <summary>A fresh start (a new instance each time, so nothing can change a shared one).</summary>
    public static DialogContext Start => new();
}
