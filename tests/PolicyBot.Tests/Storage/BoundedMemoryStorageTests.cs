using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PolicyBot.Storage;

namespace PolicyBot.Tests.Storage;

/// <summary>The embedded store forgets: idle conversations and, past the cap, the least recently used (the clock is faked).</summary>
public sealed class BoundedMemoryStorageTests : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(24);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly List<BoundedMemoryStorage> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    [Fact]
    public async Task A_conversation_idle_for_the_timeout_reads_as_new_and_one_in_use_stays()
    {
        var store = Create(maxConversations: 100);
        await WriteAsync(store, "idle", "i");
        await WriteAsync(store, "busy", "b");

        // "busy" is read every 20 hours, "idle" never again.
        _time.Advance(TimeSpan.FromHours(20));
        Assert.Equal(["busy"], (await store.ReadAsync(["busy"])).Keys);
        _time.Advance(TimeSpan.FromHours(4));

        var items = await store.ReadAsync(["idle", "busy"]);

        Assert.Equal(["busy"], items.Keys);
        Assert.Equal("b", Assert.IsType<Note>(items["busy"]).Text);
    }

    [Fact]
    public async Task Idle_conversations_are_freed_by_the_sweep_without_anyone_reading_them()
    {
        var store = Create(maxConversations: 100);
        for (var i = 0; i < 10; i++)
        {
            await WriteAsync(store, $"conversation-{i}", "x");
        }

        _time.Advance(Idle - TimeSpan.FromMinutes(1));
        Assert.Equal(10, store.Count);

        // The sweep runs every minute at most: the next one finds them all past the timeout.
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Past_the_cap_the_least_recently_used_go_first()
    {
        var store = Create(maxConversations: 3);
        await WriteAsync(store, "a", "1");
        _time.Advance(TimeSpan.FromSeconds(1));
        await WriteAsync(store, "b", "2");
        _time.Advance(TimeSpan.FromSeconds(1));
        await WriteAsync(store, "c", "3");
        _time.Advance(TimeSpan.FromSeconds(1));
        await store.ReadAsync(["a"]);
        _time.Advance(TimeSpan.FromSeconds(1));

        await WriteAsync(store, "d", "4");

        Assert.Equal(3, store.Count);
        Assert.Equal(["a", "c", "d"], (await store.ReadAsync(["a", "b", "c", "d"])).Keys.Order());
    }

    [Fact]
    public async Task A_large_store_trims_a_tenth_at_a_time_and_never_holds_more_than_the_cap()
    {
        const int Cap = 1_000;
        var store = Create(maxConversations: Cap);
        var most = 0;
        for (var i = 0; i < 5 * Cap; i++)
        {
            await WriteAsync(store, $"conversation-{i}", "x");
            _time.Advance(TimeSpan.FromMilliseconds(1));
            most = Math.Max(most, store.Count);
        }

        Assert.InRange(most, Cap - (Cap / 10), Cap);
        Assert.InRange(store.Count, Cap - (Cap / 10), Cap);

        // The newest are the ones kept.
        Assert.Single(await store.ReadAsync([$"conversation-{(5 * Cap) - 1}"]));
        Assert.Empty(await store.ReadAsync([$"conversation-{4 * Cap}"]));
    }

    [Fact]
    public async Task Writers_of_many_conversations_at_once_keep_the_count_exact_and_under_the_cap()
    {
        const int Cap = 500;
        var store = Create(maxConversations: Cap);

        // Trims run while other threads add and rewrite: the count must stay true to what is held.
        await Parallel.ForAsync(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            await WriteAsync(store, $"conversation-{i % 5_000}", $"{i}");
            await store.ReadAsync([$"conversation-{(i * 7) % 5_000}"], token);
        });

        var held = (await store.ReadAsync([.. Enumerable.Range(0, 5_000).Select(i => $"conversation-{i}")])).Count;
        Assert.Equal(held, store.Count);
        Assert.InRange(held, 1, Cap);
    }

    [Fact]
    public async Task Rewriting_a_conversation_counts_it_once_and_deleting_frees_it()
    {
        var store = Create(maxConversations: 10);
        await WriteAsync(store, "a", "1");
        await WriteAsync(store, "a", "2");
        await WriteAsync(store, "b", "3");
        Assert.Equal(2, store.Count);

        await store.DeleteAsync(["a"]);
        await store.WriteAsync(new Dictionary<string, object> { ["b"] = null! });

        Assert.Equal(0, store.Count);
        Assert.Empty(await store.ReadAsync(["a", "b"]));
    }

    [Fact]
    public async Task A_read_hands_out_a_copy_so_a_turn_changes_nothing_until_it_writes()
    {
        var store = Create(maxConversations: 10);
        await WriteAsync(store, "k", "kept");

        var first = (Note)(await store.ReadAsync(["k"]))["k"];
        first.Text = "not written";

        Assert.Equal("kept", ((Note)(await store.ReadAsync(["k"]))["k"]).Text);
    }

    private static Task WriteAsync(BoundedMemoryStorage store, string key, string value) =>
        store.WriteAsync(new Dictionary<string, object> { [key] = new Note { Text = value } });

    private BoundedMemoryStorage Create(int maxConversations)
    {
        var store = new BoundedMemoryStorage(Idle, maxConversations, _time, NullLogger<BoundedMemoryStorage>.Instance);
        _stores.Add(store);
        return store;
    }

    public sealed class Note
    {
        public string Text { get; set; } = string.Empty;
    }
}
