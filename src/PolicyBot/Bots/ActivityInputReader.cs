using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Bots;

/// <summary>
/// Turns a channel's message activity into a <see cref="UserInput"/>: card submits first, then text, with the
/// channel's locale (the core picks the reply's language with it when the message itself does not tell).
/// </summary>
internal static class ActivityInputReader
{
    private const string ClientInfoEntity = "clientInfo";

    public static UserInput Read(IMessageActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var locale = LocaleOf(activity.Locale, activity.Entities, value: null);
        if (TryReadSubmit(activity.Value, out var submit))
        {
            return submit with { Locale = locale };
        }

        // In channels and group chats Teams puts "<at>PolicyBot</at>" in the text; drop only the bot's own mention.
        var text = activity.RemoveRecipientMention() ?? activity.Text ?? string.Empty;
        return UserInput.FromText(text) with { Locale = locale };
    }

    /// <summary>The welcome, with the locale of the activity that asked for it (install, join, Web Chat's event).</summary>
    public static UserInput Welcome(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return UserInput.Welcome with { Locale = LocaleOf(activity.Locale, activity.Entities, activity.Type == ActivityTypes.Event ? activity.Value : null) };
    }

    /// <summary>The user's locale for any activity (a message, an invoke): its "locale", else Teams' clientInfo entity's.</summary>
    public static string? Locale(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return LocaleOf(activity.Locale, activity.Entities, value: null);
    }

    /// <summary>
    /// The user's locale: the activity's "locale" (Teams, Web Chat and the Emulator send it), else the one in Teams'
    /// clientInfo entity, else the one Web Chat's join event carries in its value; null when none is a non-empty string.
    /// </summary>
    private static string? LocaleOf(string? locale, IList<Entity>? entities, object? value)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            return locale.Trim();
        }

        var clientInfo = entities?
            .FirstOrDefault(e => string.Equals(e?.Type, ClientInfoEntity, StringComparison.OrdinalIgnoreCase))?
            .Properties?["locale"];
        if (clientInfo is { Type: JTokenType.String } && !string.IsNullOrWhiteSpace(clientInfo.Value<string>()))
        {
            return clientInfo.Value<string>()!.Trim();
        }

        var fromValue = value is JObject fields ? fields["locale"] : null;
        return fromValue is { Type: JTokenType.String } && !string.IsNullOrWhiteSpace(fromValue.Value<string>()) ? fromValue.Value<string>()!.Trim() : null;
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
