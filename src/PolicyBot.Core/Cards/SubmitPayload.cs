using System.Text.Json.Nodes;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Core.Cards;

/// <summary>
/// The data of a card button (Action.Submit). Web Chat and the Emulator send the object itself as the activity's
/// value; Teams reads msteams as a messageBack: it shows displayText in the chat as the user's message, sends
/// text (empty, so nothing is matched as typed text) and puts msteams.value in the activity's value.
/// </summary>
public static class SubmitPayload
{
    public static JsonObject Create(string action, string? nodeId, string displayText, string? value = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new JsonObject(Intent(action, nodeId, value))
        {
            ["msteams"] = new JsonObject
            {
                ["type"] = "messageBack",
                ["displayText"] = displayText,
                ["text"] = string.Empty,
                ["value"] = new JsonObject(Intent(action, nodeId, value)),
            },
        };
    }

    public static JsonObject Node(string nodeId, string displayText) => Create(SubmitActions.Node, nodeId, displayText);

    public static JsonObject Feedback(string nodeId, bool helpful, string displayText) =>
        Create(SubmitActions.Feedback, nodeId, displayText, helpful ? "up" : "down");

    /// <summary>The id of the "What was missing?" box: the channel puts its text under this name beside the button's data.</summary>
    public const string CommentField = "comment";

    /// <summary>The longest note the box takes (the host keeps at most this much, after redaction).</summary>
    public const int MaxCommentLength = 500;

    /// <summary>
    /// The Send of the "What was missing?" card: a plain Action.Submit, not a messageBack, because only then does every
    /// channel (Teams included) merge the card's input into the activity's value.
    /// </summary>
    public static JsonObject FeedbackComment(string nodeId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        return new JsonObject(Intent(SubmitActions.FeedbackComment, nodeId, null));
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Intent(string action, string? nodeId, string? value)
    {
        yield return new("action", action);
        if (nodeId is not null)
        {
            yield return new("id", nodeId);
        }

        if (value is not null)
        {
            yield return new("value", value);
        }
    }
}
