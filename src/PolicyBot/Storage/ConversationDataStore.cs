using Microsoft.Bot.Builder;
using PolicyBot.Bots;

namespace PolicyBot.Storage;

/// <summary>
/// A conversation's <see cref="ConversationData"/>: read from the store once per turn, written back at the end of
/// the turn only when it changed. It does what ConversationState did for the bot, with the same storage key and the
/// same stored shape (so state written by either reads back in the other), but finds changes by comparing one
/// compact JSON snapshot of the data (<see cref="ConversationSnapshot"/>) instead of serialising the whole state
/// three more times a turn as BotState does (its cost under load: benchmarks/README.md, "What closed the gap").
/// </summary>
public sealed class ConversationDataStore
{
    // The property name ConversationState.CreateProperty used; stored items keep that shape.
    internal const string PropertyName = "PolicyBot.Conversation";
    private const string TurnStateKey = "PolicyBot.ConversationDataStore";

    private readonly IStorage _storage;

    public ConversationDataStore(IStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    /// <summary>This turn's data: read on first use, then the same object for the rest of the turn.</summary>
    public async Task<ConversationData> GetAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<LoadedState>(TurnStateKey) is { } loaded)
        {
            return loaded.Data;
        }

        var key = StorageKey(turnContext);
        var items = await _storage.ReadAsync([key], cancellationToken);
        var bag = items.TryGetValue(key, out var stored) && stored is IDictionary<string, object> storedBag
            ? storedBag
            : new Dictionary<string, object>();
        var data = bag.TryGetValue(PropertyName, out var value) && value is ConversationData storedData ? storedData : new ConversationData();
        turnContext.TurnState.Set(TurnStateKey, new LoadedState(key, bag, data, ConversationSnapshot.Take(data)));
        return data;
    }

    /// <summary>Writes this turn's data if the turn read it and changed it; otherwise does nothing.</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<LoadedState>(TurnStateKey) is not { } loaded)
        {
            return;
        }

        if (ConversationSnapshot.ChangedSince(loaded.Data, loaded.Snapshot) is not { } snapshot)
        {
            return;
        }

        loaded.Bag[PropertyName] = loaded.Data;
        await _storage.WriteAsync(new Dictionary<string, object> { [loaded.Key] = loaded.Bag }, cancellationToken);
        turnContext.TurnState.Set(TurnStateKey, loaded with { Snapshot = snapshot });
    }

    // ConversationState's key, so that existing conversations carry on.
    private static string StorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        var channelId = activity.ChannelId is { Length: > 0 } channel ? channel : throw new InvalidOperationException("The activity has no channelId; conversation state needs one.");
        var conversationId = activity.Conversation?.Id is { Length: > 0 } id ? id : throw new InvalidOperationException("The activity has no conversation.id; conversation state needs one.");
        return $"{channelId}/conversations/{conversationId}";
    }

    private sealed record LoadedState(string Key, IDictionary<string, object> Bag, ConversationData Data, string Snapshot);
}
