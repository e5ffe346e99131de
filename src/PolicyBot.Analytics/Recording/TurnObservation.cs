using PolicyBot.Core;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Analytics.Recording;

/// <summary>
/// One turn as the host saw it, queued for the background writer: what the user did, what the assistant reported,
/// the channel and the raw conversation id. It lives only in the bounded queue: the writer hashes the id, redacts
/// the text and keeps only what <see cref="AnalyticsEventFactory"/> allows.
/// </summary>
public sealed record TurnObservation(DateTimeOffset Time, string Channel, string? ConversationId, UserInput Input, IReadOnlyList<AssistantEvent> Events);
