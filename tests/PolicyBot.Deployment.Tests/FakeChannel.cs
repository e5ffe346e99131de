using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PolicyBot.Testing;

namespace PolicyBot.Deployment.Tests;

/// <summary>
/// A loopback stand-in for the services the bot calls out to: the Bot Connector (replies to serviceUrl) and Azure
/// Bot Service's Direct Line token endpoint. It records every request and can hold the first one until released.
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    private FakeChannel(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<(string Path, string? Authorization, JsonNode? Body)> Received { get; } = new();

    /// <summary>When true, the first request waits for <see cref="Release"/>.</summary>
    public bool HoldFirst { get; set; }

    public Task FirstArrived => _firstArrived.Task;

    public static async Task<FakeChannel> StartAsync()
    {
        FakeChannel? channel = null;
        var (app, address) = await LoopbackServer.StartAsync(context => channel!.HandleAsync(context));
        channel = new FakeChannel(app, address);
        return channel;
    }

    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        Received.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.Headers.Authorization.ToString(), string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body)));
        if (Interlocked.Increment(ref _count) == 1)
        {
            _firstArrived.TrySetResult();
            if (HoldFirst)
            {
                await _release.Task;
            }
        }

        if (context.Request.Path.StartsWithSegments("/v3/directline/tokens/generate"))
        {
            await context.Response.WriteAsJsonAsync(new { conversationId = "conv-from-azure", token = "token-from-azure", expires_in = 3600 });
            return;
        }

        await context.Response.WriteAsJsonAsync(new { id = "sent-" + _count });
    }
}
