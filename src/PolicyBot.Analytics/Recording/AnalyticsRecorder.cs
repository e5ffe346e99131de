using System.Threading.Channels;

namespace PolicyBot.Analytics.Recording;

/// <summary>
/// The turn's side of recording: a bounded in-memory queue. <see cref="Record"/> never waits and never throws; when
/// the queue is full (the store has been down for a while) the turn's events are dropped and counted. The
/// <see cref="AnalyticsWriter"/> drains it in batches.
/// </summary>
public sealed class AnalyticsRecorder
{
    private readonly Channel<TurnObservation> _queue;
    private long _dropped;

    /// <param name="enabled">False with Analytics:Store=Off: every turn is ignored, nothing is counted.</param>
    public AnalyticsRecorder(int capacity, bool enabled = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        IsEnabled = enabled;
        _queue = Channel.CreateBounded<TurnObservation>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int Capacity { get; }

    public bool IsEnabled { get; }

    /// <summary>Turns waiting for the writer.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Turns dropped because the queue was full, since the writer last took the count.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<TurnObservation> Reader => _queue.Reader;

    /// <summary>Queues the turn; false (and counted) when the queue is full or closed.</summary>
    public bool Record(TurnObservation observation)
    {
        if (!IsEnabled)
        {
            return false;
        }

        if (_queue.Writer.TryWrite(observation))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Takes the dropped count for a log line, resetting it.</summary>
    internal long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    /// <summary>No more turns: the writer finishes what is queued and stops.</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
