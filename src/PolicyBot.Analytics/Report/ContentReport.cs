namespace PolicyBot.Analytics.Report;

/// <summary>
/// What the content owners read: what staff asked, what the bot could not answer, and what they thought of the
/// answers, over one period. Every renderer (Markdown, CSV, HTML, JSON) writes this one model.
/// </summary>
public sealed record ContentReport
{
    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset Until { get; init; }

    public required DateTimeOffset Generated { get; init; }

    /// <summary>Where the events were read ("SQLite /…/policybot-analytics.db", "Redis stream …").</summary>
    public required string Store { get; init; }

    public required string ContentVersion { get; init; }

    /// <summary>Typed questions (not clicks, not the welcome) in the period.</summary>
    public required int Questions { get; init; }

    /// <summary>Every turn recorded, clicks and commands included.</summary>
    public required int Turns { get; init; }

    /// <summary>Distinct conversations (by their hashes).</summary>
    public required int Conversations { get; init; }

    public required IReadOnlyList<DayCount> QuestionsPerDay { get; init; }

    public required IReadOnlyList<ShareCount> QuestionsPerChannel { get; init; }

    /// <summary>answer, disambiguation, suggestions, fallback: each with its share of the questions.</summary>
    public required IReadOnlyList<ShareCount> Outcomes { get; init; }

    /// <summary>Nodes rated or commented, most 👎 first.</summary>
    public required IReadOnlyList<NodeFeedback> Feedback { get; init; }

    /// <summary>Topics and sub-questions no turn showed in the period.</summary>
    public required IReadOnlyList<NodeRef> NeverReached { get; init; }

    /// <summary>Fallbacks and suggestions, similar phrasings together, largest group first.</summary>
    public required IReadOnlyList<QuestionGroup> Unanswered { get; init; }

    /// <summary>How the groups were made: "meaning" (the MiniLM stage) or "word overlap".</summary>
    public required string Grouping { get; init; }

    /// <summary>Fallbacks and suggestions kept without their text (Privacy:KeepUnansweredText off at the time).</summary>
    public required int UnansweredWithoutText { get; init; }
}

public sealed record DayCount(DateOnly Day, int Count);

public sealed record ShareCount(string Name, int Count, double Share);

public sealed record NodeRef(string Id, string Title, string TopicId);

/// <summary>A note typed after a 👎, with the question that produced the answer when this instance knew it.</summary>
public sealed record FeedbackComment(DateTimeOffset Time, string Text, string? Question);

public sealed record NodeFeedback(NodeRef Node, int Up, int Down, IReadOnlyList<FeedbackComment> Comments, IReadOnlyList<string> DownQuestions);

/// <summary>Phrasings of one unanswered question, the node they most likely belong to, and the YAML to add them there.</summary>
public sealed record QuestionGroup(IReadOnlyList<Phrasing> Phrasings, string Language, NodeRef? LikelyNode, double? Closeness, string Snippet)
{
    public int Count => Phrasings.Sum(p => p.Count);
}

/// <summary>One redacted question text and how often it was asked.</summary>
public sealed record Phrasing(string Text, int Count);
