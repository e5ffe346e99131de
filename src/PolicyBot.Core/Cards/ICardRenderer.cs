using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Cards;

/// <summary>Turns a dialog reply into a message: an Adaptive Card 1.5 from a template in cards/, plus plain text.</summary>
public interface ICardRenderer
{
    ReplyMessage Render(DialogReply reply, KnowledgeBase knowledge);
}
