using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PolicyBot.WebChat.DirectLine;

/// <summary>
/// One conversation of the development Direct Line: its activity list (the user's echoes and the bot's replies,
/// each with a server id, a timestamp and a sequence number that is the watermark), its tokens and its open
/// WebSocket streams. Bounded: the oldest activities are dropped past a count or a byte total.
/// </summary>
internal sealed class DirectLineConversation
{
    private readonly object _gate = new();
    private readonly LinkedList<StoredActivity> _activities = new();
    private readonly List<Channel<string>> _streams = [];
    private readonly DevelopmentDirectLineOptions _limits;
    private long _lastSequence;
    private long _bytes;
    private DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;
    private TokenState _current;
    private TokenState? _previous;
    private bool _closed;

    public DirectLineConversation(string id, string userId, DateTimeOffset createdAt, DevelopmentDirectLineOptions limits)
    {
        Id = id;
        UserId = userId;
        CreatedAt = createdAt;
        _limits = limits;
        _current = new TokenState(ConversationToken.New(id), createdAt + limits.TokenLifetime);
    }

    public string Id { get; }

    /// <summary>The user id bound to the conversation ("dl_…"); what the browser sends in from.id is replaced by it.</summary>
    public string UserId { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Set once the client has started the conversation (POST /conversations).</summary>
    public bool Started { get; set; }

    /// <summary>One bot turn at a time per conversation, in the order the user posted.</summary>
    public SemaphoreSlim TurnLock { get; } = new(1, 1);

    public string CurrentToken
    {
        get
        {
            lock (_gate)
            {
                return _current.Value;
            }
        }
    }

    public DateTimeOffset CurrentTokenExpires
    {
        get
        {
            lock (_gate)
            {
                return _current.Expires;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _activities.Count;
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public TokenCheck CheckToken(string? presented, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return TokenCheck.Mismatch;
        }

        lock (_gate)
        {
            // The token before a refresh stays good until its own expiry, for requests already on their way.
            foreach (var state in _previous is null ? [_current] : new[] { _current, _previous.Value })
            {
                if (ConversationToken.FixedTimeEquals(presented, state.Value))
                {
                    return now < state.Expires ? TokenCheck.Valid : TokenCheck.Expired;
                }
            }

            return TokenCheck.Mismatch;
        }
    }

    /// <summary>A new token for the conversation; the caller has checked the presented one.</summary>
    public string RefreshToken(DateTimeOffset now)
    {
        lock (_gate)
        {
            _previous = _current;
            _current = new TokenState(ConversationToken.New(Id), now + _limits.TokenLifetime);
            return _current.Value;
        }
    }

    /// <summary>Adds an activity with the next id, a timestamp after every earlier one, and sends it to the open streams.</summary>
    public StoredActivity Append(JObject activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            var sequence = ++_lastSequence;
            var timestamp = now > _lastTimestamp ? now : _lastTimestamp.AddTicks(10_000);
            _lastTimestamp = timestamp;
            activity["id"] = $"{Id}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";
            activity["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var json = activity.ToString(Formatting.None);
            var stored = new StoredActivity(sequence, (string)activity["id"]!, json);
            _activities.AddLast(stored);
            _bytes += stored.Bytes;
            while (_activities.Count > 1 && (_activities.Count > _limits.MaxActivitiesPerConversation || _bytes > _limits.MaxBytesPerConversation))
            {
                _bytes -= _activities.First!.Value.Bytes;
                _activities.RemoveFirst();
            }

            Publish(ActivitySet([stored], sequence));
            return stored;
        }
    }

    /// <summary>The activities after <paramref name="watermark"/> (all when null) as a Direct Line activity set.</summary>
    public string GetActivitySet(long? watermark)
    {
        lock (_gate)
        {
            return ActivitySet(After(watermark), _lastSequence);
        }
    }

    /// <summary>Opens a stream: the backlog after <paramref name="watermark"/> first, then each new activity; null when too many are open.</summary>
    public ChannelReader<string>? OpenStream(long? watermark)
    {
        lock (_gate)
        {
            if (_closed || _streams.Count >= _limits.MaxStreamsPerConversation)
            {
                return null;
            }

            // Bounded: a reader that falls this far behind is closed and reconnects from its watermark.
            var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            channel.Writer.TryWrite(ActivitySet(After(watermark), _lastSequence));
            _streams.Add(channel);
            return channel.Reader;
        }
    }

    public void CloseStream(ChannelReader<string> reader)
    {
        lock (_gate)
        {
            var channel = _streams.Find(c => ReferenceEquals(c.Reader, reader));
            if (channel is not null)
            {
                _streams.Remove(channel);
                channel.Writer.TryComplete();
            }
        }
    }

    public int OpenStreamCount
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>The conversation was evicted or expired: its streams end, and no new ones open.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var channel in _streams)
            {
                channel.Writer.TryComplete();
            }

            _streams.Clear();
        }
    }

    private List<StoredActivity> After(long? watermark) =>
        watermark is null ? [.. _activities] : [.. _activities.Where(a => a.Sequence > watermark.Value)];

    private void Publish(string activitySet)
    {
        for (var i = _streams.Count - 1; i >= 0; i--)
        {
            if (!_streams[i].Writer.TryWrite(activitySet))
            {
                _streams[i].Writer.TryComplete();
                _streams.RemoveAt(i);
            }
        }
    }

    private static string ActivitySet(List<StoredActivity> activities, long watermark)
    {
        var builder = new StringBuilder("{\"activities\":[");
        for (var i = 0; i < activities.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append(activities[i].Json);
        }

        return builder.Append("],\"watermark\":\"").Append(watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}").ToString();
    }

    private readonly record struct TokenState(string Value, DateTimeOffset Expires);
}

/// <summary>An activity as held: its watermark sequence, its id and its JSON, serialised once.</summary>
internal sealed record StoredActivity(long Sequence, string Id, string Json)
{
    public int Bytes { get; } = Encoding.UTF8.GetByteCount(Json);
}
