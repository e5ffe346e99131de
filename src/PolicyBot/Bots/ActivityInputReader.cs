using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Bots;

/// <summary>Turns a channel's message activity into a <see cref="UserInput"/>: card submits first, then text.</summary>
internal static class ActivityInputReader
{
    public static UserInput Read(IMessageActivity activity)
    {
        if (TryReadSubmit(activity.Value, out var submit))
        {
            return submit;
        }

        // In channels and group chats Teams puts "<at>PolicyBot</at>" in the text; drop only the bot's own mention.
        var text = activity.RemoveRecipientMention() ?? activity.Text ?? string.Empty;
        return UserInput.FromText(text);
    }

    /// <summary>A card button's data: {"action": "...", "id": "...", "value": "..."} (Web Chat, Emulator, Teams messageBack).</summary>
    internal static bool TryReadSubmit(object? value, out UserInput input)
    {
        input = UserInput.FromText(string.Empty);
        var payload = value switch
        {
            JObject obj => obj,
            string json when json.TrimStart().StartsWith('{') => TryParse(json),
            null => null,
            _ => TryFromObject(value),
        };

        if (payload is null)
        {
            return false;
        }

        var action = payload.Value<JToken>("action") is { Type: JTokenType.String } a ? a.Value<string>() : null;
        if (string.IsNullOrWhiteSpace(action))
        {
            // Not ours (or a Teams messageBack wrapper): look inside msteams.value once.
            return payload["msteams"]?["value"] is JToken inner && inner.Type == JTokenType.Object && TryReadSubmit(inner, out input);
        }

        var id = payload["id"] is { Type: JTokenType.String } idToken ? idToken.Value<string>() : null;
        var extra = payload["value"] is { Type: JTokenType.String or JTokenType.Integer or JTokenType.Boolean } valueToken
            ? valueToken.ToString()
            : null;

        // The "What was missing?" card: the channel merges its text box into the data under the box's id.
        if (action.Trim() == SubmitActions.FeedbackComment)
        {
            extra = payload[SubmitPayload.CommentField] is { Type: JTokenType.String } comment ? comment.Value<string>() : null;
        }
        input = UserInput.FromSubmit(action.Trim(), id, extra);
        return true;
    }

    private static JObject? TryParse(string json)
    {
        try
        {
            return JObject.Parse(json);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }

    private static JObject? TryFromObject(object value)
    {
        try
        {
            return JToken.FromObject(value) as JObject;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
