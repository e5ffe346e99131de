using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Cards;

/// <summary>Turns a dialog reply into a message: an Adaptive Card 1.5 from a template in cards/, plus plain text.</summary>
public interface ICardRenderer
{
    ReplyMessage Render(DialogReply reply, KnowledgeBase knowledge);
}

/// <summary>Renders the shareable answer card (cards/share.json) of a node, plus its plain text.</summary>
public interface IShareCardRenderer
{
    /// <param name="language">The language of the texts ("en", "fr"); English where the content has no translation.</param>
    /// <param name="askUrl">Where the card's "Ask PolicyBot" button leads (the bot's chat); null or empty for no button.</param>
    ReplyMessage RenderShare(KnowledgeNode node, KnowledgeBase knowledge, string language, string? askUrl);
}
