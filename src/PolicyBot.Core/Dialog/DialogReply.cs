using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Dialog;

public enum ReplyKind
{
    /// <summary>First contact: what the bot does and the topic menu.</summary>
    Welcome,

    /// <summary>The topic menu.</summary>
    Menu,

    /// <summary>How to ask, and the commands.</summary>
    Help,

    /// <summary>A node of the tree: a topic or one of its sub-questions.</summary>
    Node,

    /// <summary>Two or three topics are close: which one is meant?</summary>
    Disambiguation,

    /// <summary>Nothing matched: say so, offer the menu (and after two misses the policy office contact).</summary>
    Fallback,

    /// <summary>Thanks for a 👍 / 👎 click; no card is repeated. After 👎, a small card asks "What was missing?".</summary>
    FeedbackThanks,

    /// <summary>Thanks for the note sent from the "What was missing?" card (an empty one too).</summary>
    FeedbackCommentThanks,

    /// <summary>"What changed since 2021?": the dated changes of every topic, newest first (Node is the root).</summary>
    WhatsNew,
}

/// <summary>Card button intents: the "action" of every Action.Submit payload, so a click works without conversation state.</summary>
public static class SubmitActions
{
    public const string Node = "node";
    public const string Menu = "menu";
    public const string Help = "help";
    public const string Back = "back";
    public const string NoneOfThese = "none";
    public const string Feedback = "feedback";

    /// <summary>"English" / "Français": the value is the language code ("en", "fr").</summary>
    public const string Language = "language";

    /// <summary>The "What was missing?" card's Send: the node id, and the note in <see cref="UserInput.Value"/>.</summary>
    public const string FeedbackComment = "comment";
}

/// <summary>What the dialog decided to say, before it is rendered as a card.</summary>
public sealed record DialogReply(ReplyKind Kind)
{
    /// <summary>The node shown (Kind = Node).</summary>
    public KnowledgeNode? Node { get; init; }

    /// <summary>Why this node was chosen (matched terms, confidence); null for a click or a navigation command.</summary>
    public MatchResult? Match { get; init; }

    /// <summary>The numbered options offered: disambiguation candidates, or the topic menu.</summary>
    public IReadOnlyList<KnowledgeNode> Options { get; init; } = [];

    /// <summary>
    /// On a fallback: the nodes closest in meaning to the question, offered first ("Closest to your question") and
    /// numbered before the topic menu; never claimed as the answer.
    /// </summary>
    public IReadOnlyList<KnowledgeNode> Suggestions { get; init; } = [];

    /// <summary>After two misses in a row the fallback also offers the policy office contact.</summary>
    public bool OfferContact { get; init; }

    /// <summary>What the user typed, when a card repeats it ("I found nothing on …"). Must be escaped when rendered.</summary>
    public string? EchoedText { get; init; }

    /// <summary>For FeedbackThanks: "up" or "down".</summary>
    public string? FeedbackRating { get; init; }

    /// <summary>For WhatsNew: which changes (a year, or since a year); null means all.</summary>
    public WhatsNewRequest? WhatsNew { get; init; }

    /// <summary>The language the reply is rendered in ("en", "fr"): cards, buttons, dates and plain text.</summary>
    public string Language { get; init; } = PolicyBot.Core.Language.Languages.English;
}

/// <summary>
/// "What changed since 2021?" asks for the dated changes across every topic. <see cref="Year"/> filters them: only
/// that year, or (with <see cref="Since"/>) that year and later; null means every change.
/// </summary>
public sealed record WhatsNewRequest(int? Year, bool Since)
{
    public static WhatsNewRequest Everything { get; } = new(null, Since: false);

    public bool Includes(int year) => Year is not { } y || (Since ? year >= y : year == y);
}
