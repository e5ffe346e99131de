using PolicyBot.Tests.Http;
using PolicyBot.WebChat;

namespace PolicyBot.Tests.WebChat;

public sealed class WebChatOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new WebChatOptionsValidator().Validate(null, new WebChatOptions()).Succeeded);

    [Theory]
    [InlineData("WebChat:DevelopmentDirectLine:MaxConversations", "0")]
    [InlineData("WebChat:DevelopmentDirectLine:MaxActivitiesPerConversation", "5")]
    [InlineData("WebChat:DevelopmentDirectLine:MaxConversationAge", "00:00:10")]
    [InlineData("WebChat:DevelopmentDirectLine:TokenLifetime", "3.00:00:00")]
    [InlineData("WebChat:DevelopmentDirectLine:MaxPostedActivityBytes", "100")]
    [InlineData("WebChat:DirectLineEndpoint", "http://directline.botframework.com/")]
    [InlineData("WebChat:TokenRequestTimeout", "00:10:00")]
    [InlineData("WebChat:AllowedFrameAncestors:0", "https://intranet.example.org/some/page")]
    public void A_bad_setting_stops_the_host_with_a_message_naming_it(string key, string value)
    {
        using var broken = new BotHostFactory(new() { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains(key.Replace(":0", string.Empty, StringComparison.Ordinal), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_posted_activity_limit_above_the_conversation_limit_is_refused()
    {
        var options = new WebChatOptions();
        options.DevelopmentDirectLine.MaxBytesPerConversation = 65_536;
        options.DevelopmentDirectLine.MaxPostedActivityBytes = 100_000;

        var result = new WebChatOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("must not exceed WebChat:DevelopmentDirectLine:MaxBytesPerConversation", result.FailureMessage, StringComparison.Ordinal);
    }
}
