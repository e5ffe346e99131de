using System.Reflection;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Moq;
using PolicyBot.Bots;
using PolicyBot.Core.Dialog;
using PolicyBot.Storage;

namespace PolicyBot.Tests.Storage;

/// <summary>The bot's conversation state: read once a turn, written only when changed, compatible with ConversationState.</summary>
public sealed class ConversationDataStoreTests
{
    private const string Key = "emulator/conversations/conv-1";

    [Fact]
    public async Task A_new_conversation_starts_empty_and_nothing_is_written_when_the_turn_changes_nothing()
    {
        var storage = new Mock<IStorage>();
        storage.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, object>());
        var store = new ConversationDataStore(storage.Object);
        using var turn = Turn();

        var data = await store.GetAsync(turn, CancellationToken.None);
        await store.SaveChangesAsync(turn, CancellationToken.None);

        Assert.False(data.Welcomed);
        Assert.Null(data.CurrentNodeId);
        storage.Verify(s => s.ReadAsync(It.Is<string[]>(keys => keys.Single() == Key), It.IsAny<CancellationToken>()), Times.Once);
        storage.Verify(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_data_is_read_once_per_turn_and_a_change_is_written_once()
    {
        var storage = new Mock<IStorage>();
        storage.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, object>());
        IDictionary<string, object>? written = null;
        storage.Setup(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()))
            .Callback((IDictionary<string, object> changes, CancellationToken _) => written = changes)
            .Returns(Task.CompletedTask);
        var store = new ConversationDataStore(storage.Object);
        using var turn = Turn();

        var first = await store.GetAsync(turn, CancellationToken.None);
        var second = await store.GetAsync(turn, CancellationToken.None);
        second.RememberAnswered("activity-1");
        await store.SaveChangesAsync(turn, CancellationToken.None);
        await store.SaveChangesAsync(turn, CancellationToken.None);

        Assert.Same(first, second);
        storage.Verify(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>()), Times.Once);
        storage.Verify(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Once);
        var bag = Assert.IsAssignableFrom<IDictionary<string, object>>(Assert.Single(written!, item => item.Key == Key).Value);
        Assert.Same(first, bag[ConversationDataStore.PropertyName]);
    }

    [Fact]
    public async Task A_turn_that_never_reads_the_state_writes_nothing()
    {
        var storage = new Mock<IStorage>(MockBehavior.Strict);
        using var turn = Turn();

        await new ConversationDataStore(storage.Object).SaveChangesAsync(turn, CancellationToken.None);

        storage.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task State_written_by_ConversationState_reads_back_and_the_store_writes_what_ConversationState_reads()
    {
        var storage = new MemoryStorage(StateJson.Serializer);
        var conversationState = new ConversationState(storage);
        var accessor = conversationState.CreateProperty<ConversationData>(ConversationDataStore.PropertyName);
        using (var before = Turn())
        {
            var old = await accessor.GetAsync(before, () => new ConversationData());
            old.Welcomed = true;
            old.Dialog = new DialogContext { CurrentNodeId = "protection-of-civilians", OfferedNodeIds = ["a"], History = ["menu"], MissesInARow = 1 };
            await conversationState.SaveChangesAsync(before);
        }

        var store = new ConversationDataStore(storage);
        using (var turn = Turn())
        {
            var data = await store.GetAsync(turn, CancellationToken.None);
            Assert.True(data.Welcomed);
            Assert.Equal("protection-of-civilians", data.Dialog.CurrentNodeId);
            Assert.Equal(["a"], data.Dialog.OfferedNodeIds);
            data.RememberAnswered("activity-2");
            await store.SaveChangesAsync(turn, CancellationToken.None);
        }

        using var after = Turn();
        var back = await new ConversationState(storage).CreateProperty<ConversationData>(ConversationDataStore.PropertyName).GetAsync(after, () => new ConversationData());
        Assert.Equal(["activity-2"], back.AnsweredActivityIds);
        Assert.Equal(1, back.Dialog.MissesInARow);
    }

    [Fact]
    public async Task An_activity_without_a_conversation_id_is_refused_by_name()
    {
        var store = new ConversationDataStore(new MemoryStorage());
        using var turn = new TurnContext(new TestAdapter(), new Activity { Type = ActivityTypes.Message, ChannelId = "emulator", Conversation = new ConversationAccount() });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync(turn, CancellationToken.None));

        Assert.Contains("conversation.id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_to_any_stored_field_is_saved_and_reads_back()
    {
        // Every instance field of ConversationData must back a stored property, and a change to each one must be
        // written and come back: a field added but not persisted, or not seen as a change, fails here.
        var fields = typeof(ConversationData).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        var stored = typeof(ConversationData).GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.CanWrite && !p.IsDefined(typeof(Newtonsoft.Json.JsonIgnoreAttribute), inherit: true))
            .ToDictionary(p => p.Name);
        Assert.NotEmpty(stored);
        foreach (var field in fields)
        {
            var property = field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)] : field.Name;
            Assert.True(stored.ContainsKey(property), $"ConversationData.{field.Name} is not the backing field of a stored property: it would never be saved.");
        }

        foreach (var property in stored.Values)
        {
            var storage = new MemoryStorage(StateJson.Serializer);
            var store = new ConversationDataStore(storage);
            var changed = SampleValue(property.PropertyType, property.GetValue(new ConversationData()));
            using (var turn = Turn())
            {
                property.SetValue(await store.GetAsync(turn, CancellationToken.None), changed);
                await store.SaveChangesAsync(turn, CancellationToken.None);
            }

            using var next = Turn();
            var back = property.GetValue(await new ConversationDataStore(storage).GetAsync(next, CancellationToken.None));
            Assert.True(
                Newtonsoft.Json.JsonConvert.SerializeObject(changed) == Newtonsoft.Json.JsonConvert.SerializeObject(back),
                $"A change to ConversationData.{property.Name} was not saved, or did not read back.");
        }
    }

    [Fact]
    public async Task A_turn_that_sets_the_same_values_again_writes_nothing()
    {
        var storage = new Mock<IStorage>();
        var existing = new ConversationData { Welcomed = true, Dialog = new DialogContext { CurrentNodeId = "n", OfferedNodeIds = ["a", "b"], History = ["h"] } };
        storage.Setup(s => s.ReadAsync(It.IsAny<string[]>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, object> { [Key] = new Dictionary<string, object> { [ConversationDataStore.PropertyName] = existing } });
        var store = new ConversationDataStore(storage.Object);
        using var turn = Turn();

        var data = await store.GetAsync(turn, CancellationToken.None);
        data.Dialog = new DialogContext { CurrentNodeId = "n", OfferedNodeIds = ["a", "b"], History = ["h"] };
        data.Welcomed = true;
        await store.SaveChangesAsync(turn, CancellationToken.None);

        storage.Verify(s => s.WriteAsync(It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    /// <summary>A value of the property's type that differs from its default.</summary>
    private static object SampleValue(Type type, object? current) => type switch
    {
        _ when type == typeof(string) => "changed",
        _ when type == typeof(int) => (int)(current ?? 0) + 7,
        _ when type == typeof(bool) => !(bool)(current ?? false),
        _ when type == typeof(List<string>) => new List<string> { "x", "y" },
        _ => throw new InvalidOperationException($"Add a sample value for {type} to this test, so that its property is checked too."),
    };

    private static TurnContext Turn() =>
        new(new TestAdapter(), new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "emulator",
            Conversation = new ConversationAccount { Id = "conv-1" },
            From = new ChannelAccount { Id = "user" },
            Recipient = new ChannelAccount { Id = "bot" },
        });
}
