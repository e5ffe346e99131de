using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using PolicyBot.Core;
using PolicyBot.Core.Dialog;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.Teams;

/// <summary>
/// The real host, adapter and bot in memory, with a Moq'd assistant registered over the real one (it records every
/// input and the context it was given) and a storage that counts what the bot reads and writes.
/// </summary>
internal sealed class TeamsBotHost : IDisposable
{
    public const string WelcomeText = "Welcome to PolicyBot.";

    private readonly BotHostFactory _factory;
    private readonly HttpClient _client;

    public TeamsBotHost(Dictionary<string, string?>? settings = null)
    {
        Assistant.SetupGet(a => a.IsReady).Returns(true);
        Assistant
            .Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .Returns((UserInput input, DialogContext context, CancellationToken _) =>
            {
                Inputs.Enqueue((input, context));
                var text = input.Kind == UserInputKind.Welcome ? WelcomeText : $"Answer to {input.Kind} '{input.Text}' {input.Action} {input.NodeId}";
                return ValueTask.FromResult(new AssistantReply([new ReplyMessage(text)], context with { MissesInARow = context.MissesInARow + 1 }));
            });

        _factory = new BotHostFactory(settings, services =>
        {
            services.AddSingleton(Assistant.Object);
            services.AddSingleton<IStorage>(Storage);
        });
        _client = _factory.CreateClient();
    }

    public Mock<IPolicyAssistant> Assistant { get; } = new(MockBehavior.Strict);

    /// <summary>What the assistant was asked, in order, with the conversation context it was given.</summary>
    public ConcurrentQueue<(UserInput Input, DialogContext Context)> Inputs { get; } = new();

    public CountingStorage Storage { get; } = new();

    /// <summary>Posts the activity to /api/messages and returns the message activities of the expectReplies body.</summary>
    public async Task<IReadOnlyList<JsonNode>> PostAsync(JsonObject activity)
    {
        using var response = await _client.PostAsync("/api/messages", Activities.Json(activity));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return Activities.Messages(await Activities.RepliesAsync(response)).ToList();
    }

    /// <summary>Posts an invoke to /api/messages: the HTTP status (the invoke response's) and the body, null when empty.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> InvokeAsync(JsonObject activity)
    {
        using var response = await _client.PostAsync("/api/messages", Activities.Json(activity));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }
}

/// <summary>The in-memory store, counting reads and writes.</summary>
internal sealed class CountingStorage : IStorage
{
    private readonly MemoryStorage _inner = new();
    private int _reads;
    private int _writes;

    public int Reads => _reads;

    public int Writes => _writes;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return _inner.ReadAsync(keys, cancellationToken);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return _inner.WriteAsync(changes, cancellationToken);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => _inner.DeleteAsync(keys, cancellationToken);
}
