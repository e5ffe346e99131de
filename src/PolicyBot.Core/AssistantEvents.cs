using PolicyBot.Core.Dialog;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core;

/// <summary>
/// What the host records about a turn (logs, metrics, the turn's span): ids, outcomes and scores, never what the
/// user typed. Each kind of event is a record of its own, read by its properties.
/// </summary>
/// <param name="ContentVersion">The version of the knowledge that answered.</param>
public abstract record AssistantEvent(string ContentVersion);

/// <summary>One answered turn.</summary>
/// <param name="Outcome">What the dialog replied: a node, a disambiguation, a fallback, the menu…</param>
/// <param name="Input">What the user did: typed, clicked or joined.</param>
public sealed record TurnEvent(ReplyKind Outcome, UserInputKind Input, string ContentVersion) : AssistantEvent(ContentVersion)
{
    /// <summary>The node shown, if any.</summary>
    public string? NodeId { get; init; }

    /// <summary>The topic of the node shown, if any.</summary>
    public string? TopicId { get; init; }

    /// <summary>The match's score, when the reply came from matching a question (not from a click or a command).</summary>
    public double? Score { get; init; }

    /// <summary>Which stage found the answer or the suggestions; null when nothing was matched.</summary>
    public MatchPath? Path { get; init; }

    /// <summary>On a fallback: the ids of the nodes offered as closest in meaning.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>The language of the reply ("en", "fr").</summary>
    public string Language { get; init; } = PolicyBot.Core.Language.Languages.English;

    /// <summary>The outcome as logged and tagged: "node", "disambiguation", "fallback"…</summary>
    public string OutcomeName => Outcome.ToString().ToLowerInvariant();

    /// <summary>The path as logged and tagged: "keywords" or "meaning"; null when nothing was matched.</summary>
    public string? PathName => Path?.ToString().ToLowerInvariant();
}

/// <summary>A 👍 / 👎 click on an answer card.</summary>
/// <param name="NodeId">The node rated, or null when the id in the click is not (or no longer) in the knowledge.</param>
/// <param name="TopicId">The topic of the node rated.</param>
/// <param name="Rating">"up" or "down", as the card sent it.</param>
public sealed record FeedbackEvent(string? NodeId, string? TopicId, string Rating, string ContentVersion) : AssistantEvent(ContentVersion)
{
    /// <summary>The language of the conversation ("en", "fr").</summary>
    public string Language { get; init; } = PolicyBot.Core.Language.Languages.English;
}

/// <summary>
/// The "What was missing?" card after a 👎 was sent. The note itself is what the user typed, so it is not in the
/// event (events are logged); a host that keeps it for the content owners reads it from the input's value.
/// </summary>
/// <param name="NodeId">The node the note is about, or null when the id in the click is not (or no longer) in the knowledge.</param>
public sealed record FeedbackCommentEvent(string? NodeId, string? TopicId, string ContentVersion) : AssistantEvent(ContentVersion)
{
    /// <summary>The language of the conversation ("en", "fr").</summary>
    public string Language { get; init; } = PolicyBot.Core.Language.Languages.English;
}
