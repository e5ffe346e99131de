namespace PolicyBot.Analytics;

/// <summary>The outcomes an answer event records, as stored and reported.</summary>
public static class Outcomes
{
    public const string Answer = "answer";
    public const string Disambiguation = "disambiguation";

    /// <summary>Nothing matched and nothing was offered as close in meaning.</summary>
    public const string Fallback = "fallback";

    /// <summary>Nothing matched, and the meaning stage offered the closest topics.</summary>
    public const string Suggestions = "suggestions";

    /// <summary>The four outcomes of a question, in the report's order; welcome, menu and help are the other turns.</summary>
    public static IReadOnlyList<string> OfQuestions { get; } = [Answer, Disambiguation, Suggestions, Fallback];

    /// <summary>Where content owners need the question itself (after redaction).</summary>
    public static bool KeepsQuestion(string outcome) => outcome is Fallback or Suggestions;
}

/// <summary>What the user did in the turn: typed, clicked, or joined.</summary>
public static class Inputs
{
    public const string Text = "text";
    public const string Click = "click";
    public const string Welcome = "welcome";
}

/// <summary>The ratings kept: 👍, 👎, and the note typed after a 👎 ("What was missing?").</summary>
public static class Ratings
{
    public const string Up = "up";
    public const string Down = "down";
    public const string Comment = "comment";
}

/// <summary>
/// One turn as kept for the content owners: what was answered and how, never who asked. The conversation is a keyed
/// one-way hash; <see cref="Question"/> is the redacted question, kept only for fallbacks and suggestions.
/// </summary>
public sealed record AnswerEvent(DateTimeOffset Time, string Channel, string Language, string Input, string Outcome, string ConversationHash, string ContentVersion)
{
    public string? NodeId { get; init; }

    public string? TopicId { get; init; }

    public double? Score { get; init; }

    /// <summary>"keywords" or "meaning"; null when nothing was matched.</summary>
    public string? Path { get; init; }

    public string? Question { get; init; }
}

/// <summary>
/// A 👍 / 👎 on an answer, or the note typed after a 👎. <see cref="Question"/> is the redacted question that
/// produced the rated answer, when this instance answered it recently; <see cref="Comment"/> the redacted note.
/// </summary>
public sealed record FeedbackEntry(DateTimeOffset Time, string Channel, string Language, string NodeId, string Rating, string ConversationHash, string ContentVersion)
{
    public string? TopicId { get; init; }

    public string? Question { get; init; }

    public string? Comment { get; init; }
}

/// <summary>Events written together, or read back for a period, oldest first.</summary>
public sealed record AnalyticsLog(IReadOnlyList<AnswerEvent> Answers, IReadOnlyList<FeedbackEntry> Feedback)
{
    public static AnalyticsLog Empty { get; } = new([], []);

    public int Count => Answers.Count + Feedback.Count;
}
