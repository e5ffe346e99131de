using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using PolicyBot.Bots;
using PolicyBot.Core.Dialog;
using PolicyBot.Options;
using PolicyBot.Storage;
using StackExchange.Redis;

namespace PolicyBot.Tests.Redis;

/// <summary>
/// The IStorage contract, checked on RedisStorage, on the host's embedded BoundedMemoryStorage ("bounded") and,
/// where the SDK defines it, on MemoryStorage too.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisStorageContractTests : IAsyncLifetime
{
    private readonly RedisServerFixture _server;
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";
    private readonly List<RedisConnection> _connections = [];
    private readonly List<IDisposable> _disposables = [];
    private ConnectionMultiplexer? _raw;

    public RedisStorageContractTests(RedisServerFixture server) => _server = server;

    public async Task InitializeAsync()
    {
        _server.Start();
        _raw = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        if (_raw is not null)
        {
            await _raw.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task Reading_missing_keys_returns_nothing_for_them(string kind)
    {
        var storage = Create(kind);
        await storage.WriteAsync(new Dictionary<string, object> { ["present"] = new Note { Text = "kept" } });

        var items = await storage.ReadAsync(["present", "missing", "also-missing"]);

        Assert.Equal(["present"], items.Keys);
        Assert.Empty(await storage.ReadAsync(["missing"]));
        Assert.Empty(await storage.ReadAsync([]));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task Conversation_state_as_BotState_writes_it_comes_back_with_its_types(string kind)
    {
        var storage = Create(kind);
        var data = new ConversationData
        {
            Welcomed = true,
            Dialog = new DialogContext { CurrentNodeId = "protection-of-civilians", OfferedNodeIds = ["cid", "wps"], History = ["menu", "cid"], MissesInARow = 1 },
        };
        data.RememberAnswered("act-7");
        var state = new Dictionary<string, object> { ["PolicyBot.Conversation"] = data };

        await storage.WriteAsync(new Dictionary<string, object> { ["emulator/conversations/c1"] = state });
        var read = (await storage.ReadAsync(["emulator/conversations/c1"]))["emulator/conversations/c1"];

        var dictionary = Assert.IsAssignableFrom<IDictionary<string, object>>(read);
        var back = Assert.IsType<ConversationData>(dictionary["PolicyBot.Conversation"]);
        Assert.True(back.Welcomed);
        Assert.Equal(data.Dialog.CurrentNodeId, back.Dialog.CurrentNodeId);
        Assert.Equal(data.Dialog.OfferedNodeIds, back.Dialog.OfferedNodeIds);
        Assert.Equal(data.Dialog.History, back.Dialog.History);
        Assert.Equal(1, back.Dialog.MissesInARow);
        Assert.Equal(["act-7"], back.AnsweredActivityIds);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task Reading_state_twice_leaves_the_shared_start_context_untouched(string kind)
    {
        var storage = Create(kind);
        var state = new Dictionary<string, object>
        {
            ["PolicyBot.Conversation"] = new ConversationData { Dialog = new DialogContext { CurrentNodeId = "cid", OfferedNodeIds = ["a", "b"] } },
        };
        await storage.WriteAsync(new Dictionary<string, object> { ["emulator/conversations/c2"] = state });

        await storage.ReadAsync(["emulator/conversations/c2"]);
        var second = (IDictionary<string, object>)(await storage.ReadAsync(["emulator/conversations/c2"]))["emulator/conversations/c2"];

        Assert.Equal(["a", "b"], ((ConversationData)second["PolicyBot.Conversation"]).Dialog.OfferedNodeIds);
        Assert.Null(DialogContext.Start.CurrentNodeId);
        Assert.Empty(DialogContext.Start.OfferedNodeIds);
        Assert.Null(new ConversationData().Dialog.CurrentNodeId);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task Delete_removes_items_and_ignores_missing_keys(string kind)
    {
        var storage = Create(kind);
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "1" }, ["b"] = new Note { Text = "2" } });

        await storage.DeleteAsync(["a", "never-written"]);

        var items = await storage.ReadAsync(["a", "b"]);
        Assert.Equal(["b"], items.Keys);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task A_write_with_a_stale_ETag_is_refused_as_MemoryStorage_refuses_it(string kind)
    {
        var storage = Create(kind);
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "first" } });
        var first = await ReadNoteAsync(storage, "item");
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "second", ETag = first.ETag } });

        var stale = new Note { Text = "lost update", ETag = first.ETag };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new Dictionary<string, object> { ["item"] = stale }));

        Assert.StartsWith("Etag conflict.", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Original: {first.ETag}", error.Message, StringComparison.Ordinal);
        Assert.Equal("second", (await ReadNoteAsync(storage, "item")).Text);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task Every_write_gets_a_new_ETag_and_a_star_overwrites_whatever_is_there(string kind)
    {
        var storage = Create(kind);
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "1" } });
        var first = await ReadNoteAsync(storage, "item");
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "2", ETag = first.ETag } });
        var second = await ReadNoteAsync(storage, "item");

        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "3", ETag = "*" } });
        var third = await ReadNoteAsync(storage, "item");

        Assert.False(string.IsNullOrEmpty(first.ETag));
        Assert.Equal(3, new[] { first.ETag, second.ETag, third.ETag }.Distinct().Count());
        Assert.Equal("3", third.Text);
    }

    [Theory]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task A_write_without_an_ETag_overwrites_as_CosmosDbPartitionedStorage_does(string kind)
    {
        // MemoryStorage refuses this one (a null ETag never equals the stored one); the persistent SDK stores overwrite.
        var storage = Create(kind);
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "1" } });
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "2" } });
        await storage.WriteAsync(new Dictionary<string, object> { ["item"] = new Note { Text = "3", ETag = string.Empty } });

        Assert.Equal("3", (await ReadNoteAsync(storage, "item")).Text);
    }

    [Theory]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task Of_concurrent_writers_with_the_same_ETag_exactly_one_wins_each_round(string kind)
    {
        const int Writers = 4;
        const int Rounds = 25;

        // Redis: one storage per writer, each with its own connection, as several bot instances have. Memory: the
        // one store of the instance, written from several threads at once.
        var shared = kind == "redis" ? null : Create(kind);
        var storages = Enumerable.Range(0, Writers).Select(_ => shared ?? Create(kind)).ToArray();
        await storages[0].WriteAsync(new Dictionary<string, object> { ["contended"] = new Note { Text = "start" } });

        for (var round = 0; round < Rounds; round++)
        {
            var eTag = (await ReadNoteAsync(storages[0], "contended")).ETag;
            var attempts = storages.Select((storage, writer) => Task.Run(() => TryWriteAsync(storage, new Note { Text = $"round {round} writer {writer}", ETag = eTag })));
            var outcomes = await Task.WhenAll(attempts);

            Assert.Single(outcomes, won => won);
            var stored = await ReadNoteAsync(storages[0], "contended");
            Assert.Equal($"round {round} writer {Array.IndexOf(outcomes, true)}", stored.Text);
        }

        static async Task<bool> TryWriteAsync(IStorage storage, Note note)
        {
            try
            {
                await storage.WriteAsync(new Dictionary<string, object> { ["contended"] = note });
                return true;
            }
            catch (ArgumentException error) when (error.Message.StartsWith("Etag conflict.", StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task Keys_carry_the_configured_prefix_and_another_prefix_sees_nothing()
    {
        var storage = Create("redis");
        await storage.WriteAsync(new Dictionary<string, object> { ["msteams/conversations/19:abc"] = new Note { Text = "x" } });

        Assert.True(await Raw.KeyExistsAsync(_prefix + "msteams/conversations/19:abc"));
        Assert.False(await Raw.KeyExistsAsync("msteams/conversations/19:abc"));
        var other = Create("redis", options => options.KeyPrefix = _prefix + "other:");
        Assert.Empty(await other.ReadAsync(["msteams/conversations/19:abc"]));
    }

    [Fact]
    public async Task Items_expire_after_the_configured_time_and_each_write_renews_it()
    {
        var storage = Create("redis", options => options.ConversationExpiry = TimeSpan.FromHours(2));
        await storage.WriteAsync(new Dictionary<string, object> { ["expiring"] = new Note { Text = "x" } });
        await Raw.KeyExpireAsync(_prefix + "expiring", TimeSpan.FromMinutes(1));

        await storage.WriteAsync(new Dictionary<string, object> { ["expiring"] = new Note { Text = "y" } });

        var ttl = await Raw.KeyTimeToLiveAsync(_prefix + "expiring");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(5), TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task A_zero_expiry_keeps_items_for_ever()
    {
        var storage = Create("redis", options => options.ConversationExpiry = TimeSpan.Zero);
        await storage.WriteAsync(new Dictionary<string, object> { ["kept"] = new Note { Text = "x" } });

        Assert.True(await Raw.KeyExistsAsync(_prefix + "kept"));
        Assert.Null(await Raw.KeyTimeToLiveAsync(_prefix + "kept"));
    }

    [Fact]
    public async Task A_string_that_looks_like_a_date_comes_back_exactly_as_written()
    {
        var storage = Create("redis");
        var when = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1));
        await storage.WriteAsync(new Dictionary<string, object> { ["dated"] = new Note { Text = "2026-11-27T10:00:00Z", When = when } });

        var back = await ReadNoteAsync(storage, "dated");

        Assert.Equal("2026-11-27T10:00:00Z", back.Text);
        Assert.Equal(when, back.When);
    }

    [Fact]
    public async Task Stored_state_naming_a_foreign_type_is_refused_not_instantiated()
    {
        var storage = Create("redis");
        await Raw.HashSetAsync(_prefix + "planted", [new("etag", "1"), new("doc", """{"$type":"System.IO.FileInfo, System.IO.FileSystem","FileName":"/etc/passwd"}""")]);

        var error = await Assert.ThrowsAsync<JsonSerializationException>(() => storage.ReadAsync(["planted"]));

        Assert.Contains("System.IO.FileInfo", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a state type of PolicyBot", error.InnerException?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("bounded")]
    [InlineData("redis")]
    public async Task A_conflict_stops_the_writes_after_it_and_keeps_the_ones_before(string kind)
    {
        var storage = Create(kind);
        await storage.WriteAsync(new Dictionary<string, object> { ["second"] = new Note { Text = "old" } });
        await storage.WriteAsync(new Dictionary<string, object> { ["second"] = new Note { Text = "newer", ETag = "*" } });

        var changes = new Dictionary<string, object>
        {
            ["first"] = new Note { Text = "written" },
            ["second"] = new Note { Text = "stale", ETag = "not-the-current-etag" },
            ["third"] = new Note { Text = "never written" },
        };
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(changes));

        var items = await storage.ReadAsync(["first", "second", "third"]);
        Assert.Equal(["first", "second"], items.Keys.Order());
        Assert.Equal("newer", ((Note)items["second"]).Text);
    }

    [Fact]
    public async Task A_Redis_error_that_is_not_an_outage_is_not_reported_as_one()
    {
        var storage = Create("redis");
        await Raw.StringSetAsync(_prefix + "not-a-hash", "plain string");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => storage.ReadAsync(["not-a-hash"]));

        Assert.StartsWith("WRONGTYPE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_server_stopped_every_operation_fails_as_storage_unavailable_and_works_again_after()
    {
        var storage = Create("redis", options => options.OperationTimeout = TimeSpan.FromSeconds(1));
        await storage.WriteAsync(new Dictionary<string, object> { ["survives"] = new Note { Text = "x" } });

        _server.Stop();
        try
        {
            var read = await Assert.ThrowsAsync<Infrastructure.StorageUnavailableException>(() => storage.ReadAsync(["survives"]));
            await Assert.ThrowsAsync<Infrastructure.StorageUnavailableException>(() => storage.WriteAsync(new Dictionary<string, object> { ["survives"] = new Note { Text = "y" } }));
            await Assert.ThrowsAsync<Infrastructure.StorageUnavailableException>(() => storage.DeleteAsync(["survives"]));
            Assert.Contains(_server.ConnectionString, read.Message, StringComparison.Ordinal);
        }
        finally
        {
            _server.Start();
        }

        // The server came back empty (nothing is saved to disk); the same storage object writes and reads again.
        await WaitUntilAsync(async () =>
        {
            try
            {
                await storage.WriteAsync(new Dictionary<string, object> { ["after"] = new Note { Text = "back" } });
                return true;
            }
            catch (Infrastructure.StorageUnavailableException)
            {
                return false;
            }
        });
        Assert.Equal("back", (await ReadNoteAsync(storage, "after")).Text);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "Redis storage did not recover within 30 s of the server starting again.");
            await Task.Delay(100);
        }
    }

    private IDatabase Raw => _raw!.GetDatabase();

    private static async Task<Note> ReadNoteAsync(IStorage storage, string key) =>
        Assert.IsType<Note>((await storage.ReadAsync([key]))[key]);

    private IStorage Create(string kind, Action<RedisStorageOptions>? configure = null)
    {
        if (kind == "memory")
        {
            // As the host makes it: the SDK's MemoryStorage with the serializer both stores share.
            return new MemoryStorage(StateJson.Serializer);
        }

        if (kind == "bounded")
        {
            var bounded = new BoundedMemoryStorage(StorageOptions.DefaultIdleTimeout, 1_000, TimeProvider.System, NullLogger<BoundedMemoryStorage>.Instance);
            _disposables.Add(bounded);
            return bounded;
        }

        var options = new RedisStorageOptions { ConnectionString = _server.ConnectionString, KeyPrefix = _prefix };
        configure?.Invoke(options);
        var connection = new RedisConnection(options, TimeProvider.System, NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        return new RedisStorage(connection, options, options.ConversationExpiry ?? StorageOptions.DefaultIdleTimeout);
    }

    /// <summary>A store item as an application would write one directly (BotState's own state is not an IStoreItem).</summary>
    public sealed class Note : IStoreItem
    {
        public string Text { get; set; } = string.Empty;

        public DateTimeOffset? When { get; set; }

        public string ETag { get; set; } = string.Empty;
    }
}
