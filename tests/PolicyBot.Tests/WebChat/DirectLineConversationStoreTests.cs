using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PolicyBot.WebChat;
using PolicyBot.WebChat.DirectLine;

namespace PolicyBot.Tests.WebChat;

public sealed class DirectLineConversationStoreTests
{
    private readonly FakeTimeProvider _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private DirectLineConversationStore NewStore(DevelopmentDirectLineOptions limits) =>
        new(Microsoft.Extensions.Options.Options.Create(new WebChatOptions { DevelopmentDirectLine = limits }), _time, NullLogger<DirectLineConversationStore>.Instance);

    [Fact]
    public void Starting_one_more_than_the_maximum_evicts_the_oldest_and_ends_its_streams()
    {
        var store = NewStore(new DevelopmentDirectLineOptions { MaxConversations = 3 });
        var oldest = store.Create();
        var stream = oldest.OpenStream(null)!;
        var kept = new[] { store.Create(), store.Create() };

        var newest = store.Create();

        Assert.Equal(3, store.Count);
        Assert.Null(store.Find(oldest.Id));
        Assert.All(kept, c => Assert.Same(c, store.Find(c.Id)));
        Assert.Same(newest, store.Find(newest.Id));
        Assert.True(stream.TryRead(out _), "the backlog frame");
        Assert.True(stream.Completion.IsCompleted, "the evicted conversation's stream is still open");
    }

    [Fact]
    public void A_conversation_past_its_maximum_age_is_forgotten()
    {
        var store = NewStore(new DevelopmentDirectLineOptions { MaxConversationAge = TimeSpan.FromHours(2) });
        var conversation = store.Create();

        _time.Advance(TimeSpan.FromMinutes(119));
        Assert.Same(conversation, store.Find(conversation.Id));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(store.Find(conversation.Id));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Expired_conversations_are_swept_when_a_new_one_starts()
    {
        var store = NewStore(new DevelopmentDirectLineOptions { MaxConversationAge = TimeSpan.FromMinutes(10) });
        store.Create();
        store.Create();
        _time.Advance(TimeSpan.FromMinutes(11));

        store.Create();

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Each_conversation_has_its_own_id_token_and_dl_user_id()
    {
        var store = NewStore(new DevelopmentDirectLineOptions());
        var a = store.Create();
        var b = store.Create();

        Assert.NotEqual(a.Id, b.Id);
        Assert.NotEqual(a.CurrentToken, b.CurrentToken);
        Assert.StartsWith("dl_", a.UserId, StringComparison.Ordinal);
        Assert.NotEqual(a.UserId, b.UserId);
        Assert.Equal(a.Id, ConversationToken.ConversationIdOf(a.CurrentToken));
        Assert.Null(store.Find("no-such-conversation"));
    }
}
