using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using PolicyBot.Bots;
using PolicyBot.Core;
using PolicyBot.Core.Dialog;
using PolicyBot.Infrastructure;
using PolicyBot.Options;
using PolicyBot.Storage;

namespace PolicyBot.Tests.Bots;

/// <summary>The bot's logic through the SDK's TestAdapter, with PolicyBot.Core's assistant faked.</summary>
public sealed class PolicyTeamsBotTests
{
    private readonly Mock<IPolicyAssistant> _assistant = new();
    private readonly MemoryStorage _storage = new();

    private PolicyBot.Analytics.Recording.AnalyticsRecorder Analytics { get; } = new(100);

    private PolicyTeamsBot CreateBot(RateLimitingOptions? limits = null)
    {
        var meterFactory = new Mock<System.Diagnostics.Metrics.IMeterFactory>();
        meterFactory.Setup(m => m.Create(It.IsAny<System.Diagnostics.Metrics.MeterOptions>())).Returns((System.Diagnostics.Metrics.MeterOptions o) => new System.Diagnostics.Metrics.Meter(o));
        var telemetry = new PolicyBot.Core.Telemetry.PolicyBotTelemetry(meterFactory.Object);
        var searchLimits = new Mock<IOptionsMonitor<RateLimitingOptions>>();
        searchLimits.Setup(m => m.Get(It.IsAny<string>())).Returns(new RateLimitingOptions());
        return new PolicyTeamsBot(
            _assistant.Object,
            new ConversationDataStore(_storage),
            Monitor(new TeamsOptions()),
            Monitor(new PrivacyOptions()),
            new ConversationRateLimiter(Microsoft.Extensions.Options.Options.Create(limits ?? new RateLimitingOptions()), TimeProvider.System),
            NullLogger<PolicyTeamsBot>.Instance,
            telemetry,
            new TeamsMessageExtension(Mock.Of<PolicyBot.Core.Sharing.IPolicySharing>(), Monitor(new PrivacyOptions()), new SearchRateLimiter(searchLimits.Object, TimeProvider.System), telemetry, NullLogger<TeamsMessageExtension>.Instance),
            Analytics,
            TimeProvider.System);
    }

    private static IOptionsMonitor<T> Monitor<T>(T value)
    {
        var monitor = new Mock<IOptionsMonitor<T>>();
        monitor.Setup(m => m.CurrentValue).Returns(value);
        return monitor.Object;
    }

    [Fact]
    public async Task A_message_is_answered_through_the_assistant_and_the_context_is_kept_for_the_next_turn()
    {
        var second = new DialogContext { CurrentNodeId = "human-security", OfferedNodeIds = ["human-security.scope"], History = ["root"], MissesInARow = 1 };
        _assistant.Setup(a => a.ReplyAsync(It.Is<UserInput>(i => i.Text == "what is human security"), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("Human Security is …")], second));
        _assistant.Setup(a => a.ReplyAsync(It.Is<UserInput>(i => i.Text == "who does it apply to"), It.Is<DialogContext>(c => c.CurrentNodeId == "human-security"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("It applies to …")], second));

        await new TestFlow(new TestAdapter(), CreateBot())
            .Send("what is human security")
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("Human Security is …")
            .Send("who does it apply to")
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("It applies to …")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_card_reply_carries_the_card_and_its_plain_text_summary()
    {
        _assistant.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("Plain text", "{\"type\":\"AdaptiveCard\",\"version\":\"1.5\",\"body\":[]}")], DialogContext.Start));

        await new TestFlow(new TestAdapter(), CreateBot())
            .Send("anything")
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply(a =>
            {
                var message = a.AsMessageActivity();
                Assert.Equal("Plain text", message.Summary);
                Assert.Equal("application/vnd.microsoft.card.adaptive", Assert.Single(message.Attachments).ContentType);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task A_card_click_is_routed_by_its_value_not_its_text()
    {
        _assistant.Setup(a => a.ReplyAsync(It.Is<UserInput>(i => i.Kind == UserInputKind.Submit && i.Action == "node" && i.NodeId == "human-security.scope"), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("scope")], DialogContext.Start));
        var click = new Activity(ActivityTypes.Message) { Value = Newtonsoft.Json.Linq.JObject.Parse("{\"action\":\"node\",\"id\":\"human-security.scope\"}") };

        await new TestFlow(new TestAdapter(), CreateBot())
            .Send(click)
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("scope")
            .StartTestAsync();
    }

    [Fact]
    public async Task Over_the_rate_limit_the_user_is_asked_to_slow_down_and_the_assistant_is_not_called()
    {
        _assistant.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("answer")], DialogContext.Start));

        await new TestFlow(new TestAdapter(), CreateBot(new RateLimitingOptions { BurstLimit = 1, MessagesPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1) }))
            .Send("first")
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("answer")
            .Send("second")
            .AssertReply(HostTexts.SlowDownEnglish)
            .StartTestAsync();
        _assistant.Verify(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Over_the_rate_limit_a_French_client_is_asked_to_slow_down_in_French()
    {
        _assistant.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("réponse")], DialogContext.Start));

        await new TestFlow(new TestAdapter(), CreateBot(new RateLimitingOptions { BurstLimit = 1, MessagesPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1) }))
            .Send(new Activity(ActivityTypes.Message) { Text = "premier", Locale = "fr-BE" })
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("réponse")
            .Send(new Activity(ActivityTypes.Message) { Text = "second", Locale = "fr-BE" })
            .AssertReply(HostTexts.SlowDownFrench)
            .StartTestAsync();
    }

    [Fact]
    public async Task The_channel_locale_reaches_the_assistant_with_typed_text_and_clicks()
    {
        var inputs = new List<UserInput>();
        _assistant.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .Callback((UserInput input, DialogContext _, CancellationToken _) => inputs.Add(input))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("ok")], DialogContext.Start));
        var typed = new Activity(ActivityTypes.Message) { Text = "aide", Locale = "fr-FR" };
        var click = new Activity(ActivityTypes.Message) { Locale = "fr-CA", Value = Newtonsoft.Json.Linq.JObject.Parse("{\"action\":\"language\",\"value\":\"fr\"}") };

        await new TestFlow(new TestAdapter(), CreateBot())
            .Send(typed)
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("ok")
            .Send(click)
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("ok")
            .StartTestAsync();

        Assert.Equal(["fr-FR", "fr-CA"], inputs.Select(i => i.Locale));
        Assert.Equal(("language", "fr"), (inputs[1].Action, inputs[1].Value));
    }

    [Fact]
    public async Task The_language_the_assistant_chose_is_kept_in_conversation_state()
    {
        var contexts = new List<DialogContext>();
        _assistant.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .Callback((UserInput _, DialogContext context, CancellationToken _) => contexts.Add(context))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("ok")], new DialogContext { Language = "fr" }));

        await new TestFlow(new TestAdapter(), CreateBot())
            .Send("bonjour")
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("ok")
            .Send("1")
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("ok")
            .StartTestAsync();

        Assert.Null(contexts[0].Language);
        Assert.Equal("fr", contexts[1].Language);
    }

    [Theory]
    [InlineData("fr-FR", null, "fr-FR")]
    [InlineData(null, "fr-BE", "fr-BE")]
    [InlineData("  ", "fr-CA", "fr-CA")]
    [InlineData("en-US", "fr-FR", "en-US")]
    [InlineData(null, null, null)]
    public void The_locale_is_the_activitys_else_Teams_client_info(string? activityLocale, string? clientInfoLocale, string? expected)
    {
        var activity = new Activity(ActivityTypes.Message) { Text = "x", Locale = activityLocale, Entities = [], Recipient = new ChannelAccount("bot") };
        if (clientInfoLocale is not null)
        {
            activity.Entities.Add(new Entity("clientInfo") { Properties = Newtonsoft.Json.Linq.JObject.FromObject(new { type = "clientInfo", locale = clientInfoLocale, country = "FR", platform = "Web" }) });
        }

        Assert.Equal(expected, ActivityInputReader.Read(activity).Locale);
    }

    [Fact]
    public void Web_Chats_join_event_gives_its_locale_to_the_welcome()
    {
        var join = new Activity(ActivityTypes.Event) { Name = PolicyTeamsBot.WebChatJoinEvent, Value = Newtonsoft.Json.Linq.JObject.Parse("{\"locale\":\"fr-FR\"}") };

        var welcome = ActivityInputReader.Welcome(join);

        Assert.Equal(UserInputKind.Welcome, welcome.Kind);
        Assert.Equal("fr-FR", welcome.Locale);
        Assert.Equal("en-GB", ActivityInputReader.Welcome(new Activity(ActivityTypes.ConversationUpdate) { Locale = "en-GB" }).Locale);
    }

    private static Activity AttachmentOnly(string? locale) => new(ActivityTypes.Message)
    {
        Locale = locale,
        Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "https://example.org/photo.png" }],
    };

    [Theory]
    [InlineData("fr-FR", HostTexts.AttachmentsNotReadFrench)]
    [InlineData("fr-CA", HostTexts.AttachmentsNotReadFrench)]
    [InlineData("en-GB", HostTexts.AttachmentsNotReadEnglish)]
    [InlineData("de-DE", HostTexts.AttachmentsNotReadEnglish)]
    [InlineData(null, HostTexts.AttachmentsNotReadEnglish)]
    public async Task A_message_with_only_attachments_is_told_to_type_a_question_in_the_channel_locales_language(string? locale, string expected)
    {
        await new TestFlow(new TestAdapter(), CreateBot())
            .Send(AttachmentOnly(locale))
            .AssertReply(expected)
            .StartTestAsync();

        _assistant.Verify(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("fr", "en-US", HostTexts.AttachmentsNotReadFrench)]
    [InlineData("en", "fr-FR", HostTexts.AttachmentsNotReadEnglish)]
    public async Task The_language_the_conversation_speaks_wins_over_the_locale_for_attachments(string spoken, string locale, string expected)
    {
        _assistant.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AssistantReply([new ReplyMessage("ok")], new DialogContext { Language = spoken }));

        await new TestFlow(new TestAdapter(), CreateBot())
            .Send(new Activity(ActivityTypes.Message) { Text = "menu", Locale = locale })
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("ok")
            .Send(AttachmentOnly(locale))
            .AssertReply(expected)
            .StartTestAsync();
    }
}
