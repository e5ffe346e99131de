using PolicyBot.Core.Dialog;

namespace PolicyBot.Bots;

/// <summary>
/// What the bot keeps per conversation: ids and flags only, never what the user typed. Every public property is
/// stored (except [JsonIgnore] views), and a change to any of them is saved (ConversationSnapshot compares the stored form).
/// </summary>
public sealed class ConversationData
{
    // A channel retries the turn it is waiting for, within seconds: the last few ids are enough, and every id kept is
    // read and written on every turn.
    public const int AnsweredIdsKept = 8;

    // The dialog position is stored as plain lists: the storage serialiser (Newtonsoft with type names) must
    // rebuild it on any instance, and the compiler's collection types for IReadOnlyList have no usable constructor.
    public string? CurrentNodeId { get; set; }

    public List<string> OfferedNodeIds { get; set; } = [];

    public List<string> History { get; set; } = [];

    public int MissesInARow { get; set; }

    public string? Language { get; set; }

    [Newtonsoft.Json.JsonIgnore]
    public DialogContext Dialog
    {
        get => new() { CurrentNodeId = CurrentNodeId, OfferedNodeIds = OfferedNodeIds.ToArray(), History = History.ToArray(), MissesInARow = MissesInARow, Language = Language };
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CurrentNodeId = value.CurrentNodeId;
            OfferedNodeIds = [.. value.OfferedNodeIds];
            History = [.. value.History];
            MissesInARow = value.MissesInARow;
            Language = value.Language;
        }
    }

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
