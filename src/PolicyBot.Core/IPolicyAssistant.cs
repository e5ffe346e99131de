using PolicyBot.Core.Dialog;

namespace PolicyBot.Core;

/// <summary>One reply message: plain text (always) and, where the channel shows cards, an Adaptive Card.</summary>
/// <param name="Text">Plain text for notifications, channels without cards and screen readers.</param>
/// <param name="CardJson">An Adaptive Card 1.5 as JSON, or null for a text-only reply.</param>
public sealed record ReplyMessage(string Text, string? CardJson = null);

public sealed record AssistantReply(IReadOnlyList<ReplyMessage> Messages, DialogContext Context, IReadOnlyList<AssistantEvent> Events)
{
    public AssistantReply(IReadOnlyList<ReplyMessage> messages, DialogContext context)
        : this(messages, context, [])
    {
    }
}

/// <summary>
/// The one seam between a channel host and PolicyBot's brain: one user turn in, the reply and the new
/// conversation context out. The Bot Framework host today, the Microsoft 365 Agents SDK tomorrow, the CLI
/// and the benchmarks all call this.
/// </summary>
public interface IPolicyAssistant
{
    /// <summary>True once content is loaded and the assistant can answer.</summary>
    bool IsReady { get; }

    ValueTask<AssistantReply> ReplyAsync(UserInput input, DialogContext context, CancellationToken cancellationToken);
}
