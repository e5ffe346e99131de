using PolicyBot.Core.Dialog;

namespace PolicyBot.Bots;

/// <summary>What the bot keeps per conversation: ids and flags only, never what the user typed.</summary>
public sealed class ConversationData
{
    public const int AnsweredIdsKept = 32;

    // A fresh instance, not the shared DialogContext.Start: deserialisers fill the existing object in place, which would
    // change Start for every conversation.
    public DialogContext Dialog { get; set; } = new();

    public bool Welcomed { get; set; }

    /// <summary>The last activity ids answered, so a channel's retry of the same activity is not answered twice.</summary>
    public List<string> AnsweredActivityIds { get; set; } = [];

    public bool HasAnswered(string? activityId) => activityId is not null && AnsweredActivityIds.Contains(activityId);

    public void RememberAnswered(string? activityId)
    {
        if (string.IsNullOrEmpty(activityId))
        {
            return;
        }

        AnsweredActivityIds.Add(activityId);
        if (AnsweredActivityIds.Count > AnsweredIdsKept)
        {
            AnsweredActivityIds.RemoveRange(0, AnsweredActivityIds.Count - AnsweredIdsKept);
        }
    }
}
