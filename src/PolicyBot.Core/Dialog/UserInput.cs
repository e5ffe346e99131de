namespace PolicyBot.Core.Dialog;

public enum UserInputKind
{
    /// <summary>A typed message.</summary>
    Text,

    /// <summary>A click on a card button: an intent and a node id, no text needed.</summary>
    Submit,

    /// <summary>The user joined the conversation or installed the app.</summary>
    Welcome,
}

/// <summary>What the user did in one turn, freed of channel details.</summary>
public sealed record UserInput(UserInputKind Kind, string Text, string? Action = null, string? NodeId = null, string? Value = null)
{
    /// <summary>The channel's locale for this user ("fr-FR", "en-US"), when the channel sends one.</summary>
    public string? Locale { get; init; }

    public static UserInput FromText(string text) => new(UserInputKind.Text, text ?? string.Empty);

    public static UserInput FromSubmit(string action, string? nodeId, string? value = null) =>
        new(UserInputKind.Submit, string.Empty, action, nodeId, value);

    public static UserInput Welcome { get; } = new(UserInputKind.Welcome, string.Empty);
}
