using System.Collections.Concurrent;

namespace PolicyBot.Infrastructure;

/// <summary>
/// A concurrent map that forgets, for what the host keeps per conversation: an entry unused for
/// <see cref="IdleTimeout"/> is gone (checked on every access, and removed by a sweep every minute at most, so idle
/// entries do not wait for a visitor to be freed), and past <see cref="MaxEntries"/> the least recently used are
/// dropped. There is no lock over the whole map: lookups are lock-free, a write locks only its own stripe of the
/// dictionary, and the occasional trim runs on one thread while the others carry on.
/// </summary>
internal sealed class ForgettingMap<TValue> : IDisposable
    where TValue : class
{
    private static readonly TimeSpan LongestSweepPeriod = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _sweepTimer;
    private readonly int _trimAbove;
    private readonly int _trimTo;
    private int _count;
    private int _trimming;
    private KeyValuePair<string, Slot>[] _trimEntries = [];
    private long[] _trimLastUsed = [];

    public ForgettingMap(TimeSpan idleTimeout, int maxEntries, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentNullException.ThrowIfNull(time);
        IdleTimeout = idleTimeout;
        MaxEntries = maxEntries;
        _time = time;

        // A trim sorts the whole map, so it frees a tenth at a time, and starts a little below the cap so that the
        // turns arriving while it runs still find the map under it. Small maps trim exactly at the cap.
        var slack = maxEntries / 10;
        _trimAbove = maxEntries - (slack / 2);
        _trimTo = maxEntries - slack;
        var sweepPeriod = idleTimeout < LongestSweepPeriod ? idleTimeout : LongestSweepPeriod;
        _sweepTimer = time.CreateTimer(_ => Sweep(), null, sweepPeriod, sweepPeriod);
    }

    public TimeSpan IdleTimeout { get; }

    public int MaxEntries { get; }

    /// <summary>Entries held now (idle ones not yet swept included).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Called with how many entries a trim or a sweep dropped, and why ("cap" or "idle").</summary>
    public Action<int, string>? Forgotten { get; init; }

    /// <summary>The value, unless it is missing or idle too long; a hit counts as a use.</summary>
    public bool TryGet(string key, out TValue value)
    {
        var now = _time.GetTimestamp();
        if (_slots.TryGetValue(key, out var slot))
        {
            if (!IsIdle(slot, now))
            {
                slot.Touch(now);
                value = slot.Value;
                return true;
            }

            RemoveSlot(key, slot);
        }

        value = null!;
        return false;
    }

    /// <summary>The live value, or the one <paramref name="create"/> makes (which then counts against the cap).</summary>
    public TValue GetOrAdd(string key, Func<string, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        while (true)
        {
            if (TryGet(key, out var existing))
            {
                return existing;
            }

            var value = create(key);
            if (TryAdd(key, value))
            {
                return value;
            }
        }
    }

    /// <summary>Adds the value unless a live one is there.</summary>
    public bool TryAdd(string key, TValue value)
    {
        var now = _time.GetTimestamp();
        if (_slots.TryGetValue(key, out var current) && IsIdle(current, now))
        {
            RemoveSlot(key, current);
        }

        if (!_slots.TryAdd(key, new Slot(value, now)))
        {
            return false;
        }

        if (Interlocked.Increment(ref _count) > _trimAbove)
        {
            TrimToCap();
        }

        return true;
    }

    /// <summary>Replaces the value only if it is still <paramref name="expected"/> (compare and swap, by reference).</summary>
    public bool TryReplace(string key, TValue value, TValue expected)
    {
        var now = _time.GetTimestamp();
        return _slots.TryGetValue(key, out var current)
            && ReferenceEquals(current.Value, expected)
            && !IsIdle(current, now)
            && _slots.TryUpdate(key, new Slot(value, now), current);
    }

    public bool TryRemove(string key)
    {
        if (!_slots.TryRemove(key, out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    /// <summary>Removes every entry idle longer than <see cref="IdleTimeout"/>; the timer calls it.</summary>
    public int Sweep()
    {
        var now = _time.GetTimestamp();
        var removed = 0;

        // Enumerating a ConcurrentDictionary takes no lock; entries written meanwhile are simply seen or not.
        foreach (var (key, slot) in _slots)
        {
            if (IsIdle(slot, now) && RemoveSlot(key, slot))
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            Forgotten?.Invoke(removed, "idle");
        }

        return removed;
    }

    public void Dispose() => _sweepTimer.Dispose();

    private bool IsIdle(Slot slot, long now) => _time.GetElapsedTime(slot.LastUsed, now) >= IdleTimeout;

    private bool RemoveSlot(string key, Slot slot)
    {
        // Only this very slot: one written again meanwhile stays.
        if (!_slots.TryRemove(new KeyValuePair<string, Slot>(key, slot)))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    private void TrimToCap()
    {
        // One trim at a time; a writer arriving during a trim does not wait for it. The trimming thread looks again
        // once it has let go: writers that came during its trim (and found it busy) may have taken the map back over
        // the cap, and each of them left that to it. A trim that frees nothing (every entry used since its snapshot)
        // stops the loop; the next write tries again.
        while (Count > _trimAbove && Interlocked.CompareExchange(ref _trimming, 1, 0) == 0)
        {
            int removed;
            try
            {
                removed = TrimOnce();
            }
            finally
            {
                Volatile.Write(ref _trimming, 0);
            }

            if (removed == 0)
            {
                return;
            }
        }
    }

    /// <summary>Drops the least recently used entries down to the trim target; returns how many.</summary>
    private int TrimOnce()
    {
        // Enumerated, not copied: copying a ConcurrentDictionary locks all of it, and fails if it grows meanwhile.
        var count = 0;
        foreach (var pair in _slots)
        {
            if (count == _trimEntries.Length)
            {
                var size = Math.Max(count * 2, MaxEntries + (MaxEntries / 8) + 16);
                Array.Resize(ref _trimEntries, size);
                Array.Resize(ref _trimLastUsed, size);
            }

            _trimEntries[count] = pair;
            _trimLastUsed[count] = pair.Value.LastUsed;
            count++;
        }

        Array.Sort(_trimLastUsed, _trimEntries, 0, count);
        var excess = Count - _trimTo;
        var removed = 0;
        for (var i = 0; i < count && removed < excess; i++)
        {
            // Skip an entry used since the snapshot: it is no longer among the least recent.
            if (_trimEntries[i].Value.LastUsed == _trimLastUsed[i] && RemoveSlot(_trimEntries[i].Key, _trimEntries[i].Value))
            {
                removed++;
            }
        }

        // The buffers are kept for the next trim (fresh ones would be megabytes of large-object garbage every few
        // thousand new conversations, freed only by full collections), but not what they point to.
        Array.Clear(_trimEntries, 0, count);

        if (removed > 0)
        {
            Forgotten?.Invoke(removed, "cap");
        }

        return removed;
    }

    private sealed class Slot(TValue value, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public TValue Value { get; } = value;

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch(long now) => Volatile.Write(ref _lastUsed, now);
    }
}
