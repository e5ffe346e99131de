using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PolicyBot.Testing;

namespace PolicyBot.Tests.Telemetry;

/// <summary>An OTLP/HTTP receiver on a loopback port that keeps every body it is sent (protobuf, read as bytes).</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received;

    private OtlpReceiver(WebApplication app, ConcurrentQueue<(string, byte[])> received, Uri endpoint)
    {
        _app = app;
        _received = received;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var received = new ConcurrentQueue<(string, byte[])>();
        var (app, address) = await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            received.Enqueue((context.Request.Path.Value ?? string.Empty, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
        });
        return new OtlpReceiver(app, received, address);
    }

    public IEnumerable<byte[]> Bodies(string path) => _received.Where(r => r.Path == path).Select(r => r.Body);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
