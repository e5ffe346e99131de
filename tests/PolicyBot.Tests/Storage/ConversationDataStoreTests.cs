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
    public void The_fingerprint_changes_with_every_stored_value_and_only_with_them()
    {
        static ConversationData Sample()
        {
            var data = new ConversationData { Welcomed = true, Dialog = new DialogContext { CurrentNodeId = "n", OfferedNodeIds = ["a", "b"], History = ["h"], MissesInARow = 2 } };
            data.RememberAnswered("x");
            return data;
        }

        var baseline = Sample().Fingerprint();
        Assert.Equal(baseline, Sample().Fingerprint());

        var changes = new Action<ConversationData>[]
        {
            d => d.Welcomed = false,
            d => d.CurrentNodeId = null,
            d => d.CurrentNodeId = "m",
            d => d.MissesInARow = 3,
            d => d.OfferedNodeIds = ["ab"],
            d => d.OfferedNodeIds = ["a"],
            d => d.History = [],
            d => d.History = ["h", ""],
            d => d.RememberAnswered("y"),
            d => d.AnsweredActivityIds = [],
        };
        foreach (var change in changes)
        {
            var changed = Sample();
            change(changed);
            Assert.NotEqual(baseline, changed.Fingerprint());
        }

        // Values that would run together without their lengths.
        Assert.NotEqual(new ConversationData { OfferedNodeIds = ["a", "b"] }.Fingerprint(), new ConversationData { OfferedNodeIds = ["ab"] }.Fingerprint());
        Assert.NotEqual(new ConversationData { OfferedNodeIds = ["a"], History = [] }.Fingerprint(), new ConversationData { OfferedNodeIds = [], History = ["a"] }.Fingerprint());
    }

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
