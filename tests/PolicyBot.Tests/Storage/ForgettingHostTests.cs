using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PolicyBot.Adapters;
using PolicyBot.Infrastructure;
using PolicyBot.Storage;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.Storage;

/// <summary>The host's embedded store and limiter as configured, and what a user whose conversation was forgotten sees.</summary>
public sealed class ForgettingHostTests
{
    [Fact]
    public void The_memory_store_is_the_bounded_one_with_the_configured_limits()
    {
        using var factory = new BotHostFactory(new() { ["Storage:IdleTimeout"] = "02:30:00", ["Storage:Memory:MaxConversations"] = "1234" });

        var store = Assert.IsType<BoundedMemoryStorage>(factory.Services.GetRequiredService<IStorage>());

        Assert.Equal(TimeSpan.FromMinutes(150), store.IdleTimeout);
        Assert.Equal(1234, store.MaxConversations);
    }

    [Fact]
    public void By_default_conversations_are_forgotten_after_a_day_and_at_most_100000_are_kept()
    {
        using var factory = new BotHostFactory();

        var store = Assert.IsType<BoundedMemoryStorage>(factory.Services.GetRequiredService<IStorage>());

        Assert.Equal(TimeSpan.FromHours(24), store.IdleTimeout);
        Assert.Equal(100_000, store.MaxConversations);
    }

    [Fact]
    public async Task A_user_whose_conversation_was_forgotten_gets_a_fresh_start_not_an_error()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new BotHostFactory(null, services => services.AddSingleton<TimeProvider>(time));
        using var client = factory.CreateClient();

        // Welcomed once; a second join in the same conversation is not greeted again.
        Assert.Single(await MessagesAsync(client, Activities.EmulatorConversationUpdate("conv-forgotten")));
        Assert.Empty(await MessagesAsync(client, Activities.EmulatorConversationUpdate("conv-forgotten")));
        var answered = Assert.Single(await MessagesAsync(client, Activities.EmulatorMessage("who does the PoC policy apply to?", "conv-forgotten", "act-1")));

        time.Advance(TimeSpan.FromHours(25));

        // The conversation starts over with the welcome, and the same activity id is answered again (its record went
        // with the conversation): a fresh start, never the apology.
        var welcome = Assert.Single(await MessagesAsync(client, Activities.EmulatorConversationUpdate("conv-forgotten")));
        var again = Assert.Single(await MessagesAsync(client, Activities.EmulatorMessage("who does the PoC policy apply to?", "conv-forgotten", "act-1")));
        Assert.Equal(answered["attachments"]?.ToJsonString(), again["attachments"]?.ToJsonString());
        Assert.Contains("welcome", welcome.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AdapterWithErrorHandler.ApologyText, again.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(1, ((BoundedMemoryStorage)factory.Services.GetRequiredService<IStorage>()).Count);
    }

    [Fact]
    public void The_rate_limiter_forgets_a_conversation_once_its_bucket_has_refilled()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new BotHostFactory(null, services => services.AddSingleton<TimeProvider>(time));
        var limiter = factory.Services.GetRequiredService<ConversationRateLimiter>();

        for (var i = 0; i < 50; i++)
        {
            Assert.True(limiter.TryAcquire($"conversation-{i}"));
        }

        Assert.Equal(50, limiter.TrackedConversations);

        // Defaults: 20 tokens, 10 back every 10 s, so a bucket is full again (and forgotten) 20 s after its last use.
        time.Advance(TimeSpan.FromSeconds(21));

        Assert.Equal(0, limiter.TrackedConversations);
    }

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> MessagesAsync(HttpClient client, System.Text.Json.Nodes.JsonObject activity)
    {
        using var response = await client.PostAsync("/api/messages", Activities.Json(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. Activities.Messages(await Activities.RepliesAsync(response))];
    }
}
