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
        return new PolicyTeamsBot(
            _assistant.Object,
            new ConversationDataStore(_storage),
            Monitor(new TeamsOptions()),
            Monitor(new PrivacyOptions()),
            new ConversationRateLimiter(Microsoft.Extensions.Options.Options.Create(limits ?? new RateLimitingOptions()), TimeProvider.System),
            NullLogger<PolicyTeamsBot>.Instance,
            new PolicyBot.Core.Telemetry.PolicyBotTelemetry(meterFactory.Object),
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
            .AssertReply(PolicyTeamsBot.SlowDownText)
            .StartTestAsync();
        _assistant.Verify(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
