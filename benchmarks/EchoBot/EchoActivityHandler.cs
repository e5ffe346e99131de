using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace EchoBot;

/// <summary>Replies "You said: …" and keeps a per-conversation turn count, saved each turn like PolicyBot's state.</summary>
internal sealed class EchoActivityHandler : ActivityHandler
{
    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<EchoConversationData> _data;

    public EchoActivityHandler(ConversationState conversationState)
    {
        _conversationState = conversationState;
        _data = conversationState.CreateProperty<EchoConversationData>("EchoBot.Conversation");
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await _conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var data = await _data.GetAsync(turnContext, () => new EchoConversationData(), cancellationToken);
        data.Turns++;
        await turnContext.SendActivityAsync(MessageFactory.Text($"You said: {turnContext.Activity.Text}"), cancellationToken);
    }
}

/// <summary>What the echo bot keeps per conversation.</summary>
internal sealed class EchoConversationData
{
    public int Turns { get; set; }
}
