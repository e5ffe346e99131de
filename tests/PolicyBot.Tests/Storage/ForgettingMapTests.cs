using Microsoft.Extensions.Time.Testing;
using PolicyBot.Infrastructure;

namespace PolicyBot.Tests.Storage;

/// <summary>The map under the embedded store and the rate limiter: the cap holds even when writers come during a trim.</summary>
public sealed class ForgettingMapTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Entries_added_while_a_trim_runs_are_trimmed_once_it_is_done_so_the_map_ends_under_its_cap()
    {
        const int Cap = 100;
        var lateWriters = 0;
        ForgettingMap<string> map = null!;

        // The "cap" callback runs inside the trim: entries added there are what other threads add meanwhile, and
        // their own trims find one already running and leave it to that one.
        map = new ForgettingMap<string>(TimeSpan.FromHours(1), Cap, _time)
        {
            Forgotten = (_, reason) =>
            {
                if (reason == "cap" && lateWriters == 0)
                {
                    lateWriters = 50;
                    for (var i = 0; i < lateWriters; i++)
                    {
                        map.TryAdd($"late-{i}", "x");
                    }
                }
            },
        };

        // The last of these starts the only trim (the map trims from 95 entries, to 90).
        for (var i = 0; i < 96; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            map.TryAdd($"conversation-{i}", "x");
        }

        Assert.Equal(50, lateWriters);
        Assert.InRange(map.Count, 1, Cap);
        Assert.True(map.TryGet("late-49", out _), "the newest entries are kept");
        map.Dispose();
    }
}
