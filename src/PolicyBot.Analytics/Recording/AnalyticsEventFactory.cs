using PolicyBot.Core;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Analytics.Recording;

/// <summary>
/// What is kept of a turn: an <see cref="AnswerEvent"/> for every answered turn, a <see cref="FeedbackEntry"/> for a
/// 👍 / 👎 or the note after it. The question is kept (redacted) only for fallbacks, suggestions and 👎 answers, and
/// only while Privacy:KeepUnansweredText is on; the conversation id only as its keyed hash.
/// Used by the writer's one thread: not thread-safe, and needs no lock.
/// </summary>
public sealed class AnalyticsEventFactory
{
    private readonly ConversationHasher _hasher;
    private readonly Func<bool> _keepText;
    private readonly RecentQuestions _recent;

    /// <param name="keepText">Privacy:KeepUnansweredText, read at every turn (a change applies at once).</param>
    public AnalyticsEventFactory(ConversationHasher hasher, Func<bool> keepText, int recentCapacity = RecentQuestions.DefaultCapacity, TimeSpan? recentFor = null)
    {
        _hasher = hasher;
        _keepText = keepText;
        _recent = new RecentQuestions(recentCapacity, recentFor ?? RecentQuestions.DefaultLifetime);
    }

    /// <summary>Questions held for a 👎 that may follow (bounded).</summary>
    public int HeldQuestions => _recent.Count;

    public void Add(TurnObservation observation, List<AnswerEvent> answers, List<FeedbackEntry> feedback)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(feedback);
        string? hash = null;
        string Hash() => hash ??= _hasher.Hash(observation.ConversationId);
        var keepText = _keepText();
        var typed = observation.Input.Kind == UserInputKind.Text ? observation.Input.Text : null;

        foreach (var assistantEvent in observation.Events)
        {
            switch (assistantEvent)
            {
                case TurnEvent turn:
                    var outcome = OutcomeOf(turn);
                    var answer = new AnswerEvent(observation.Time, observation.Channel, turn.Language, InputOf(turn.Input), outcome, Hash(), turn.ContentVersion)
                    {
                        NodeId = turn.NodeId,
                        TopicId = turn.TopicId,
                        Score = turn.Score is { } score ? Math.Round(score, 3) : null,
                        Path = turn.PathName,
                        Question = keepText && typed is not null && Outcomes.KeepsQuestion(outcome) ? Redacted(typed) : null,
                    };
                    answers.Add(answer);

                    // A 👎 may follow: hold the question for it, in memory, briefly (never in conversation state).
                    if (keepText && typed is not null && outcome == Outcomes.Answer && turn.NodeId is { } answered)
                    {
                        _recent.Hold(Hash(), answered, Redacted(typed), observation.Time);
                    }

                    break;

                case FeedbackEvent rating when rating.NodeId is { } node:
                    feedback.Add(new FeedbackEntry(observation.Time, observation.Channel, rating.Language, node, rating.Rating, Hash(), rating.ContentVersion)
                    {
                        TopicId = rating.TopicId,
                        Question = keepText && rating.Rating == Ratings.Down ? _recent.Find(Hash(), node, observation.Time) : null,
                    });
                    break;

                case FeedbackCommentEvent comment when comment.NodeId is { } node && Redacted(observation.Input.Value) is { Length: > 0 } note:
                    // The note is written for the content owners ("What was missing?"), so it is kept like the question, redacted.
                    feedback.Add(new FeedbackEntry(observation.Time, observation.Channel, comment.Language, node, Ratings.Comment, Hash(), comment.ContentVersion)
                    {
                        TopicId = comment.TopicId,
                        Question = keepText ? _recent.Find(Hash(), node, observation.Time) : null,
                        Comment = note,
                    });
                    break;
            }
        }
    }

    /// <summary>The report's outcome: a fallback that offered topics close in meaning is "suggestions"; "what's new" is an answer.</summary>
    public static string OutcomeOf(TurnEvent turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Outcome switch
        {
            ReplyKind.Node or ReplyKind.WhatsNew => Outcomes.Answer,
            ReplyKind.Disambiguation => Outcomes.Disambiguation,
            ReplyKind.Fallback when turn.Suggestions.Count > 0 => Outcomes.Suggestions,
            ReplyKind.Fallback => Outcomes.Fallback,
            _ => turn.OutcomeName,
        };
    }

    private static string InputOf(UserInputKind kind) => kind switch
    {
        UserInputKind.Text => Inputs.Text,
        UserInputKind.Submit => Inputs.Click,
        _ => Inputs.Welcome,
    };

    private static string Redacted(string? text) => QuestionRedactor.Redact(text);

    /// <summary>
    /// The last typed question answered with each node, per conversation hash, for a 👎 that follows: at most
    /// <see cref="DefaultCapacity"/> held, each for <see cref="DefaultLifetime"/>. Only this instance's: a 👎 answered
    /// by another instance behind a load balancer has no question.
    /// </summary>
    internal sealed class RecentQuestions(int capacity, TimeSpan lifetime)
    {
        public const int DefaultCapacity = 10_000;
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(30);

        private readonly Dictionary<string, (string Text, DateTimeOffset At)> _byKey = new(StringComparer.Ordinal);
        private readonly Queue<(string Key, DateTimeOffset At)> _order = new();

        public int Count => _byKey.Count;

        public void Hold(string conversation, string node, string text, DateTimeOffset at)
        {
            var key = conversation + "|" + node;
            _byKey[key] = (text, at);
            _order.Enqueue((key, at));
            Forget(at);
        }

        public string? Find(string conversation, string node, DateTimeOffset now)
        {
            Forget(now);
            return _byKey.TryGetValue(conversation + "|" + node, out var held) ? held.Text : null;
        }

        private void Forget(DateTimeOffset now)
        {
            while (_order.Count > 0 && (_byKey.Count > capacity || _order.Count > 2 * capacity || now - _order.Peek().At > lifetime))
            {
                var (key, at) = _order.Dequeue();
                if (_byKey.TryGetValue(key, out var held) && held.At == at)
                {
                    _byKey.Remove(key);
                }
            }
        }
    }
}
