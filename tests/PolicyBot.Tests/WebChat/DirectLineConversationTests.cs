using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using PolicyBot.WebChat;
using PolicyBot.WebChat.DirectLine;

namespace PolicyBot.Tests.WebChat;

public sealed class DirectLineConversationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static DirectLineConversation NewConversation(DevelopmentDirectLineOptions? limits = null) =>
        new("conv", "dl_user", Start, limits ?? new DevelopmentDirectLineOptions());

    private static JObject Message(string text) => new() { ["type"] = "message", ["text"] = text };

    private static JsonArray Activities(string activitySet) => JsonNode.Parse(activitySet)!["activities"]!.AsArray();

    private static string Watermark(string activitySet) => JsonNode.Parse(activitySet)!["watermark"]!.GetValue<string>();

    [Fact]
    public void Appended_activities_get_sequential_ids_and_strictly_increasing_timestamps_even_in_the_same_instant()
    {
        var conversation = NewConversation();

        var first = conversation.Append(Message("a"), Start);
        var second = conversation.Append(Message("b"), Start);
        var third = conversation.Append(Message("c"), Start.AddSeconds(-5));

        Assert.Equal(["conv|0000001", "conv|0000002", "conv|0000003"], new[] { first.Id, second.Id, third.Id });
        var stamps = Activities(conversation.GetActivitySet(null)).Select(a => DateTimeOffset.Parse(a!["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(stamps[0] < stamps[1] && stamps[1] < stamps[2], string.Join(", ", stamps));
    }

    [Fact]
    public void The_watermark_returns_only_what_came_after_it_and_an_empty_array_when_nothing_did()
    {
        var conversation = NewConversation();
        conversation.Append(Message("a"), Start);
        conversation.Append(Message("b"), Start);

        var all = conversation.GetActivitySet(null);
        Assert.Equal(2, Activities(all).Count);
        Assert.Equal("2", Watermark(all));

        conversation.Append(Message("c"), Start);
        var after = conversation.GetActivitySet(2);
        Assert.Equal("c", Assert.Single(Activities(after))!["text"]!.GetValue<string>());
        Assert.Equal("3", Watermark(after));

        var nothingNew = conversation.GetActivitySet(3);
        Assert.Empty(Activities(nothingNew));
        Assert.Equal("3", Watermark(nothingNew));
    }

    [Fact]
    public void Past_the_activity_limit_the_oldest_are_dropped_and_watermarks_still_hold()
    {
        var conversation = NewConversation(new DevelopmentDirectLineOptions { MaxActivitiesPerConversation = 10 });
        for (var i = 1; i <= 25; i++)
        {
            conversation.Append(Message($"m{i}"), Start);
        }

        Assert.Equal(10, conversation.Count);
        var kept = Activities(conversation.GetActivitySet(null));
        Assert.Equal("m16", kept[0]!["text"]!.GetValue<string>());
        Assert.Equal("m25", kept[^1]!["text"]!.GetValue<string>());
        Assert.Equal("m25", Assert.Single(Activities(conversation.GetActivitySet(24)))!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Past_the_byte_limit_the_oldest_are_dropped_first()
    {
        var conversation = NewConversation(new DevelopmentDirectLineOptions { MaxBytesPerConversation = 65_536 });
        var big = new string('x', 10_000);
        for (var i = 0; i < 20; i++)
        {
            conversation.Append(Message(big + i), Start);
        }

        Assert.InRange(conversation.Bytes, 1, 65_536);
        Assert.InRange(conversation.Count, 5, 6);
        Assert.EndsWith("19", Activities(conversation.GetActivitySet(null))[^1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_gets_the_backlog_after_its_watermark_first_then_each_new_activity()
    {
        var conversation = NewConversation();
        conversation.Append(Message("old"), Start);
        conversation.Append(Message("seen"), Start);

        var stream = conversation.OpenStream(watermark: 1)!;
        conversation.Append(Message("new"), Start);

        var backlog = await stream.ReadAsync();
        Assert.Equal("seen", Assert.Single(Activities(backlog))!["text"]!.GetValue<string>());
        var live = await stream.ReadAsync();
        Assert.Equal("new", Assert.Single(Activities(live))!["text"]!.GetValue<string>());
        Assert.Equal("3", Watermark(live));
    }

    [Fact]
    public void Streams_per_conversation_are_limited_and_closing_the_conversation_ends_them()
    {
        var conversation = NewConversation(new DevelopmentDirectLineOptions { MaxStreamsPerConversation = 2 });
        var first = conversation.OpenStream(null)!;
        Assert.NotNull(conversation.OpenStream(null));
        Assert.Null(conversation.OpenStream(null));

        conversation.CloseStream(first);
        Assert.Equal(1, conversation.OpenStreamCount);

        conversation.Close();
        Assert.Equal(0, conversation.OpenStreamCount);
        Assert.Null(conversation.OpenStream(null));
    }

    [Fact]
    public void Its_token_is_valid_until_its_lifetime_ends_and_any_other_is_a_mismatch()
    {
        var conversation = NewConversation(new DevelopmentDirectLineOptions { TokenLifetime = TimeSpan.FromMinutes(30) });
        var token = conversation.CurrentToken;

        Assert.StartsWith("conv.", token, StringComparison.Ordinal);
        Assert.Equal(TokenCheck.Valid, conversation.CheckToken(token, Start.AddMinutes(29)));
        Assert.Equal(TokenCheck.Expired, conversation.CheckToken(token, Start.AddMinutes(30)));
        Assert.Equal(TokenCheck.Mismatch, conversation.CheckToken(token + "x", Start));
        Assert.Equal(TokenCheck.Mismatch, conversation.CheckToken(NewConversation().CurrentToken, Start));
        Assert.Equal(TokenCheck.Mismatch, conversation.CheckToken(null, Start));
    }

    [Fact]
    public void A_refresh_gives_a_new_token_and_the_old_one_lasts_only_until_its_own_expiry()
    {
        var conversation = NewConversation(new DevelopmentDirectLineOptions { TokenLifetime = TimeSpan.FromMinutes(30) });
        var old = conversation.CurrentToken;

        var refreshed = conversation.RefreshToken(Start.AddMinutes(15));

        Assert.NotEqual(old, refreshed);
        Assert.Equal(TokenCheck.Valid, conversation.CheckToken(old, Start.AddMinutes(16)));
        Assert.Equal(TokenCheck.Expired, conversation.CheckToken(old, Start.AddMinutes(31)));
        Assert.Equal(TokenCheck.Valid, conversation.CheckToken(refreshed, Start.AddMinutes(44)));
        Assert.Equal(Start.AddMinutes(45), conversation.CurrentTokenExpires);
    }
}
