using Microsoft.Extensions.Options;

namespace PolicyBot.WebChat.DirectLine;

/// <summary>
/// The development Direct Line's conversations, in memory and bounded: at most MaxConversations, each forgotten
/// after MaxConversationAge; starting one more evicts the oldest.
/// </summary>
internal sealed partial class DirectLineConversationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DirectLineConversation> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<DirectLineConversation> _byAge = new();
    private readonly DevelopmentDirectLineOptions _limits;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectLineConversationStore> _logger;

    public DirectLineConversationStore(IOptions<WebChatOptions> options, TimeProvider time, ILogger<DirectLineConversationStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limits = options.Value.DevelopmentDirectLine;
        _time = time;
        _logger = logger;
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>A new conversation with its own user id and token, not yet started by a client.</summary>
    public DirectLineConversation Create()
    {
        var now = Now;
        var conversation = new DirectLineConversation(ConversationToken.NewId(), DirectLineTokenClient.NewUserId(), now, _limits);
        List<DirectLineConversation> evicted = [];
        lock (_gate)
        {
            RemoveExpired(now, evicted);
            while (_byId.Count >= _limits.MaxConversations && _byAge.First is { } oldest)
            {
                Remove(oldest.Value);
                evicted.Add(oldest.Value);
            }

            _byId.Add(conversation.Id, conversation);
            _byAge.AddLast(conversation);
        }

        foreach (var gone in evicted)
        {
            gone.Close();
            LogForgotten(gone.Id, gone.CreatedAt);
        }

        return conversation;
    }

    /// <summary>The conversation, or null when it never existed, was evicted, or is past its age.</summary>
    public DirectLineConversation? Find(string? conversationId)
    {
        if (string.IsNullOrEmpty(conversationId))
        {
            return null;
        }

        DirectLineConversation? expired = null;
        lock (_gate)
        {
            if (!_byId.TryGetValue(conversationId, out var conversation))
            {
                return null;
            }

            if (!IsExpired(conversation, Now))
            {
                return conversation;
            }

            Remove(conversation);
            expired = conversation;
        }

        expired.Close();
        return null;
    }

    private bool IsExpired(DirectLineConversation conversation, DateTimeOffset now) => now - conversation.CreatedAt >= _limits.MaxConversationAge;

    private void RemoveExpired(DateTimeOffset now, List<DirectLineConversation> evicted)
    {
        // Oldest first: the list is in creation order, so the expired ones are at its head.
        while (_byAge.First is { } oldest && IsExpired(oldest.Value, now))
        {
            Remove(oldest.Value);
            evicted.Add(oldest.Value);
        }
    }

    private void Remove(DirectLineConversation conversation)
    {
        _byId.Remove(conversation.Id);
        _byAge.Remove(conversation);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development Direct Line forgot conversation {ConversationId} (started {CreatedAt:O})")]
    private partial void LogForgotten(string conversationId, DateTimeOffset createdAt);
}
