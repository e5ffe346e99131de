using System.Text.Json.Nodes;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Tests.Teams;

/// <summary>The bot as Teams drives it, through the real adapter over HTTP with expectReplies.</summary>
public sealed class TeamsBehaviourTests
{
    [Theory]
    [InlineData("channel")]
    [InlineData("groupChat")]
    public async Task Bot_mention_is_removed_before_matching(string conversationType)
    {
        using var host = new TeamsBotHost();

        var replies = await host.PostAsync(TeamsActivities.MentionMessage("protection of civilians", conversationType));

        Assert.Single(replies);
        var (input, _) = Assert.Single(host.Inputs);
        Assert.Equal(UserInputKind.Text, input.Kind);
        Assert.Equal("protection of civilians", input.Text);
    }

    [Fact]
    public async Task Another_users_mention_is_kept()
    {
        using var host = new TeamsBotHost();

        await host.PostAsync(TeamsActivities.MentionMessage("what should <at>Alice Example</at> read on WPS?", "channel", ("29:alice", "Alice Example")));

        var (input, _) = Assert.Single(host.Inputs);
        Assert.DoesNotContain(TeamsActivities.BotName, input.Text, StringComparison.Ordinal);
        Assert.StartsWith("what should", input.Text, StringComparison.Ordinal);
        Assert.Contains("Alice Example", input.Text, StringComparison.Ordinal);
        Assert.EndsWith("read on WPS?", input.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Personal_chat_text_without_a_mention_is_read_as_typed()
    {
        using var host = new TeamsBotHost();

        await host.PostAsync(TeamsActivities.Message("What is UNSCR 1325?"));

        Assert.Equal("What is UNSCR 1325?", Assert.Single(host.Inputs).Input.Text);
    }

    [Theory]
    [InlineData("personal", TeamsActivities.PersonalConversationId)]
    [InlineData("channel", TeamsActivities.ChannelConversationId + ";messageid=1699999999999")]
    [InlineData("groupChat", TeamsActivities.GroupChatConversationId)]
    public async Task Each_conversation_type_gets_its_reply_in_the_same_conversation(string conversationType, string conversationId)
    {
        using var host = new TeamsBotHost();
        var activity = conversationType == "personal"
            ? TeamsActivities.Message("help", conversationType)
            : TeamsActivities.MentionMessage("help", conversationType);

        var reply = Assert.Single(await host.PostAsync(activity));

        Assert.Equal(conversationId, reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("1700000000001", reply["replyToId"]!.GetValue<string>());
        Assert.Equal("Answer to Text 'help'  ", reply["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Thread_reply_stays_in_the_thread()
    {
        using var host = new TeamsBotHost();
        const string thread = TeamsActivities.ChannelConversationId + ";messageid=1699999999000";
        var activity = TeamsActivities.MentionMessage("children and armed conflict", "channel");
        activity["id"] = "1699999999555";
        activity["conversation"]!["id"] = thread;
        activity["replyToId"] = "1699999999000";

        var reply = Assert.Single(await host.PostAsync(activity));

        Assert.Equal(thread, reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("1699999999555", reply["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bot_added_to_a_team_welcomes_once_and_not_for_members_who_join_later()
    {
        using var host = new TeamsBotHost();

        var botAdded = await host.PostAsync(TeamsActivities.MembersAdded("channel", TeamsActivities.ChannelConversationId, "f:bot-added", TeamsActivities.BotId));
        var userAdded = await host.PostAsync(TeamsActivities.MembersAdded("channel", TeamsActivities.ChannelConversationId, "f:user-added", "29:new-colleague"));

        var welcome = Assert.Single(botAdded);
        Assert.Equal(TeamsBotHost.WelcomeText, welcome["text"]!.GetValue<string>());
        Assert.Equal(TeamsActivities.ChannelConversationId, welcome["conversation"]!["id"]!.GetValue<string>());
        Assert.Empty(userAdded);
        Assert.Equal(UserInputKind.Welcome, Assert.Single(host.Inputs).Input.Kind);
    }

    [Fact]
    public async Task Bot_added_to_a_team_together_with_a_user_welcomes_once()
    {
        using var host = new TeamsBotHost();

        var replies = await host.PostAsync(TeamsActivities.MembersAdded("channel", TeamsActivities.ChannelConversationId, "f:both", "29:new-colleague", TeamsActivities.BotId));

        Assert.Equal(TeamsBotHost.WelcomeText, Assert.Single(replies)["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Personal_install_welcomes_once_whichever_of_installationUpdate_and_conversationUpdate_comes_first(bool installationFirst)
    {
        using var host = new TeamsBotHost();
        var installation = TeamsActivities.InstallationUpdate("add", "personal", TeamsActivities.PersonalConversationId, "i:install");
        var membersAdded = TeamsActivities.MembersAdded("personal", TeamsActivities.PersonalConversationId, "f:members", TeamsActivities.BotId);

        var first = await host.PostAsync(installationFirst ? installation : membersAdded);
        var second = await host.PostAsync(installationFirst ? membersAdded : installation);

        var welcome = Assert.Single(first.Concat(second));
        Assert.Equal(TeamsBotHost.WelcomeText, welcome["text"]!.GetValue<string>());
        Assert.Equal(TeamsActivities.PersonalConversationId, welcome["conversation"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Team_install_welcomes_once_in_the_general_channel_whichever_update_comes_first(bool installationFirst)
    {
        using var host = new TeamsBotHost();
        var installation = TeamsActivities.InstallationUpdate("add", "channel", TeamsActivities.ChannelConversationId, "i:team");
        var membersAdded = TeamsActivities.MembersAdded("channel", TeamsActivities.ChannelConversationId, "f:team", TeamsActivities.BotId);

        var first = await host.PostAsync(installationFirst ? installation : membersAdded);
        var second = await host.PostAsync(installationFirst ? membersAdded : installation);

        var welcome = Assert.Single(first.Concat(second));
        Assert.Equal(TeamsActivities.ChannelConversationId, welcome["conversation"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Installation_into_a_group_chat_welcomes_once()
    {
        using var host = new TeamsBotHost();

        var install = await host.PostAsync(TeamsActivities.InstallationUpdate("add", "groupChat", TeamsActivities.GroupChatConversationId, "i:group"));
        var botAdded = await host.PostAsync(TeamsActivities.MembersAdded("groupChat", TeamsActivities.GroupChatConversationId, "f:group", TeamsActivities.BotId));

        Assert.Single(install);
        Assert.Empty(botAdded);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("add-upgrade")]
    public async Task Other_installation_actions_and_a_repeat_add_do_not_welcome_again(string action)
    {
        using var host = new TeamsBotHost();
        Assert.Single(await host.PostAsync(TeamsActivities.InstallationUpdate("add", "personal", TeamsActivities.PersonalConversationId, "i:1")));

        Assert.Empty(await host.PostAsync(TeamsActivities.InstallationUpdate(action, "personal", TeamsActivities.PersonalConversationId, "i:2")));
    }

    [Fact]
    public async Task Card_submit_with_value_and_no_text_is_read_as_a_submit()
    {
        using var host = new TeamsBotHost();

        var replies = await host.PostAsync(TeamsActivities.Submit(new JsonObject { ["action"] = "node", ["id"] = "protection-of-civilians" }));

        Assert.Single(replies);
        var (input, _) = Assert.Single(host.Inputs);
        Assert.Equal(UserInput.FromSubmit("node", "protection-of-civilians") with { Locale = TeamsActivities.Locale }, input);
    }

    [Fact]
    public async Task Teams_messageBack_is_read_from_value_not_from_its_display_text()
    {
        using var host = new TeamsBotHost();
        // Teams delivers a messageBack click with the hidden text in text and the payload in value.
        var activity = TeamsActivities.Submit(new JsonObject { ["action"] = "feedback", ["id"] = "women-peace-security", ["value"] = "up" });
        activity["text"] = "Helpful";

        await host.PostAsync(activity);

        Assert.Equal(UserInput.FromSubmit("feedback", "women-peace-security", "up") with { Locale = TeamsActivities.Locale }, Assert.Single(host.Inputs).Input);
    }

    [Fact]
    public async Task The_what_was_missing_box_arrives_merged_into_the_submit_value_and_is_read_as_its_note()
    {
        using var host = new TeamsBotHost();
        // Teams merges a card's inputs into the Action.Submit data, by the input's id.
        var activity = TeamsActivities.Submit(new JsonObject { ["action"] = "comment", ["id"] = "women-peace-security", ["comment"] = "the 2024 action plan" });

        await host.PostAsync(activity);

        Assert.Equal(UserInput.FromSubmit("comment", "women-peace-security", "the 2024 action plan") with { Locale = "en-GB" }, Assert.Single(host.Inputs).Input);
    }

    [Fact]
    public async Task Submit_wrapped_in_msteams_messageBack_data_is_unwrapped()
    {
        using var host = new TeamsBotHost();
        var value = new JsonObject
        {
            ["msteams"] = new JsonObject
            {
                ["type"] = "messageBack",
                ["displayText"] = "Topics",
                ["value"] = new JsonObject { ["action"] = "menu" },
            },
        };

        await host.PostAsync(TeamsActivities.Submit(value, "groupChat"));

        Assert.Equal(UserInput.FromSubmit("menu", null) with { Locale = TeamsActivities.Locale }, Assert.Single(host.Inputs).Input);
    }

    [Fact]
    public async Task Tenant_not_allowed_gets_no_reply_and_changes_no_state()
    {
        using var host = new TeamsBotHost(new() { ["Teams:AllowedTenantIds:0"] = TeamsActivities.TenantId });

        var allowed = await host.PostAsync(TeamsActivities.Message("human security", id: "1"));
        var (readsBefore, writesBefore) = (host.Storage.Reads, host.Storage.Writes);
        var refused = await host.PostAsync(TeamsActivities.Message("human security", id: "2", tenantId: TeamsActivities.OtherTenantId));
        var (readsAfter, writesAfter) = (host.Storage.Reads, host.Storage.Writes);
        var allowedAgain = await host.PostAsync(TeamsActivities.Message("human security", id: "3"));

        Assert.Single(allowed);
        Assert.Empty(refused);
        Assert.Equal((readsBefore, writesBefore), (readsAfter, writesAfter));
        Assert.Single(allowedAgain);

        // The assistant saw the two allowed turns only, the second with the context the first left.
        Assert.Equal([0, 1], host.Inputs.Select(i => i.Context.MissesInARow));
    }

    [Fact]
    public async Task Tenant_is_also_checked_for_conversation_updates()
    {
        using var host = new TeamsBotHost(new() { ["Teams:AllowedTenantIds:0"] = TeamsActivities.TenantId });
        var update = TeamsActivities.MembersAdded("channel", TeamsActivities.ChannelConversationId, "f:bot", TeamsActivities.BotId);
        update["channelData"]!["tenant"]!["id"] = TeamsActivities.OtherTenantId;
        update["conversation"]!["tenantId"] = TeamsActivities.OtherTenantId;

        Assert.Empty(await host.PostAsync(update));
        Assert.Empty(host.Inputs);
    }

    [Fact]
    public async Task Allowed_tenant_is_matched_without_regard_to_case()
    {
        using var host = new TeamsBotHost(new() { ["Teams:AllowedTenantIds:0"] = TeamsActivities.TenantId.ToUpperInvariant() });

        Assert.Single(await host.PostAsync(TeamsActivities.Message("help")));
    }

    [Fact]
    public async Task A_new_conversation_starts_from_a_clean_context_after_another_one_moved_on()
    {
        using var host = new TeamsBotHost();
        await host.PostAsync(TeamsActivities.Message("first", id: "a1"));
        await host.PostAsync(TeamsActivities.Message("second", id: "a2"));

        await host.PostAsync(TeamsActivities.Message("hello", conversationId: "a:1AnotherPersonalChat", id: "b1"));

        Assert.Equal([0, 1, 0], host.Inputs.Select(i => i.Context.MissesInARow));
        Assert.Equal(0, DialogContext.Start.MissesInARow);
    }

    [Fact]
    public async Task Same_activity_id_posted_twice_is_answered_once()
    {
        using var host = new TeamsBotHost();
        var activity = TeamsActivities.MentionMessage("cultural property protection", "channel");

        var first = await host.PostAsync(activity);
        var retry = await host.PostAsync(activity);

        Assert.Single(first);
        Assert.Empty(retry);
        Assert.Single(host.Inputs);
    }
}
