namespace PolicyBot.Core.Dialog;

/// <summary>The dialog's decision for one turn: what to say, and where the conversation now stands.</summary>
public sealed record DialogTurn(DialogReply Reply, DialogContext Context);
