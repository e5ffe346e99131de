using System.Text.Json.Nodes;

namespace PolicyBot.Tests.Teams;

/// <summary>Activities shaped like the ones Microsoft Teams posts to a bot (ids, channelData and entities as Teams sends them).</summary>
internal static class TeamsActivities
{
    public const string BotId = "28:6b1e2f9c-3d4a-4c5b-8e7f-0a1b2c3d4e5f";
    public const string BotName = "PolicyBot";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string OtherTenantId = "0e3c1c4e-5b7f-4d2a-9a61-4f8e2b7c9d10";
    public const string UserId = "29:1a2b3c-user";
    public const string ChannelConversationId = "19:a1b2c3d4e5f6@thread.tacv2";
    public const string GroupChatConversationId = "19:meeting_f00dfeed@thread.v2";
    public const string PersonalConversationId = "a:1PersonalChatWithPolicyBot";

    /// <summary>The user's Teams locale, on every activity and in the clientInfo entity.</summary>
    public const string Locale = "en-GB";

    /// <summary>Nothing listens there; with expectReplies the adapter returns replies in the HTTP response and never calls it.</summary>
    private const string ServiceUrl = "http://127.0.0.1:1/teams/";

    public static JsonObject Message(string text, string conversationType = "personal", string? conversationId = null, string id = "1700000000001", string tenantId = TenantId)
    {
        var activity = Base("message", conversationType, conversationId, id, tenantId);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        return activity;
    }

    /// <summary>A channel or group-chat message that @mentions the bot (and optionally another user), as Teams formats it.</summary>
    public static JsonObject MentionMessage(string textAfterMention, string conversationType, params (string Id, string Name)[] otherMentions)
    {
        var activity = Message($"<at>{BotName}</at> {textAfterMention}", conversationType);
        var entities = new JsonArray(Mention(BotId, BotName));
        foreach (var (id, name) in otherMentions)
        {
            entities.Add(Mention(id, name));
        }

        entities.Add(new JsonObject { ["type"] = "clientInfo", ["locale"] = Locale, ["country"] = "GB", ["platform"] = "Web" });
        activity["entities"] = entities;
        return activity;
    }

    /// <summary>A card button click: the data in value, no text.</summary>
    public static JsonObject Submit(JsonObject value, string conversationType = "personal", string id = "1700000000002")
    {
        var activity = Base("message", conversationType, null, id, TenantId);
        activity["value"] = value;
        activity["replyToId"] = "1700000000000";
        activity["channelData"]!["source"] = new JsonObject { ["name"] = "message" };
        activity["channelData"]!["legacy"] = new JsonObject { ["replyToId"] = "1:card-message" };
        return activity;
    }

    /// <summary>
    /// An invoke as Teams posts it for the message extension (composeExtension/query, /selectItem, /queryLink): the value
    /// as given (any JSON, to try malformed ones), no deliveryMode (Teams waits for the invoke's own response).
    /// </summary>
    public static JsonObject Invoke(string name, JsonNode? value, string conversationType = "personal", string tenantId = TenantId, string locale = "en-US")
    {
        var activity = Base("invoke", conversationType, null, "f:invoke-" + name.Replace('/', '-'), tenantId);
        activity.Remove("deliveryMode");
        activity["name"] = name;
        activity["value"] = value;
        activity["locale"] = locale;
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = locale, ["country"] = "GB", ["platform"] = "Web" });
        activity["channelData"]!["source"] = new JsonObject { ["name"] = "compose" };
        return activity;
    }

    /// <summary>The search command's query (composeExtension/query) with what was typed.</summary>
    public static JsonObject SearchQuery(string text, string commandId = "findPolicy", string tenantId = TenantId) => Invoke(
        "composeExtension/query",
        new JsonObject
        {
            ["commandId"] = commandId,
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "query", ["value"] = text }),
            ["queryOptions"] = new JsonObject { ["skip"] = 0, ["count"] = 25 },
        },
        tenantId: tenantId);

    /// <summary>The bot (or someone else) added to a conversation; in a team Teams says so in channelData.eventType.</summary>
    public static JsonObject MembersAdded(string conversationType, string conversationId, string id, params string[] memberIds)
    {
        var activity = Base("conversationUpdate", conversationType, conversationId, id, TenantId);
        activity["membersAdded"] = new JsonArray(memberIds.Select(m => (JsonNode)new JsonObject { ["id"] = m, ["aadObjectId"] = m == BotId ? null : "5f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7" }).ToArray());
        if (conversationType == "channel")
        {
            activity["channelData"]!["eventType"] = "teamMemberAdded";
            activity["channelData"]!["team"] = new JsonObject { ["id"] = conversationId, ["name"] = "Human Security Unit", ["aadGroupId"] = "c9a8b7d6-e5f4-4a3b-2c1d-0e9f8a7b6c5d" };
        }

        return activity;
    }

    public static JsonObject InstallationUpdate(string action, string conversationType, string conversationId, string id)
    {
        var activity = Base("installationUpdate", conversationType, conversationId, id, TenantId);
        activity["action"] = action;
        if (conversationType == "channel")
        {
            activity["channelData"]!["team"] = new JsonObject { ["id"] = conversationId };
        }

        return activity;
    }

    public static JsonObject Mention(string id, string name) => new()
    {
        ["type"] = "mention",
        ["text"] = $"<at>{name}</at>",
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
    };

    private static JsonObject Base(string type, string conversationType, string? conversationId, string id, string tenantId)
    {
        conversationId ??= conversationType switch
        {
            "channel" => ChannelConversationId + ";messageid=1699999999999",
            "groupChat" => GroupChatConversationId,
            _ => PersonalConversationId,
        };

        var conversation = new JsonObject
        {
            ["conversationType"] = conversationType,
            ["tenantId"] = tenantId,
            ["id"] = conversationId,
        };
        if (conversationType != "personal")
        {
            conversation["isGroup"] = true;
        }

        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
        if (conversationType == "channel")
        {
            channelData["teamsChannelId"] = ChannelConversationId;
            channelData["teamsTeamId"] = ChannelConversationId;
            channelData["channel"] = new JsonObject { ["id"] = ChannelConversationId };
            channelData["team"] = new JsonObject { ["id"] = ChannelConversationId };
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = "2026-11-27T10:00:00.000Z",
            ["localTimestamp"] = "2026-11-27T11:00:00.000+01:00",
            ["serviceUrl"] = ServiceUrl,
            ["channelId"] = "msteams",
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Alex Officer", ["aadObjectId"] = "d4c3b2a1-0f9e-4d8c-b7a6-958473625140" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["conversation"] = conversation,
            ["channelData"] = channelData,
            ["locale"] = Locale,
        };
    }
}
