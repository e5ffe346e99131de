using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PolicyBot.Tests.Http;
using PolicyBot.Tests.Telemetry;

namespace PolicyBot.Tests.Redis;

/// <summary>With Redis storage and an exporter configured, the turn's Redis commands are traced.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisTracingTests
{
    private readonly RedisServerFixture _server;

    public RedisTracingTests(RedisServerFixture server)
    {
        _server = server;
        _server.Start();
    }

    [Fact]
    public async Task A_turn_sends_its_Redis_commands_as_spans()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var host = new BotHostFactory(new()
        {
            ["Storage:Provider"] = "Redis",
            ["Storage:Redis:ConnectionString"] = _server.ConnectionString,
            ["Storage:Redis:KeyPrefix"] = $"trace-test:{Guid.NewGuid():N}:",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        using var client = host.CreateClient();
        using var reply = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("help", "conv-redis-trace")));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        // Redis profiling sessions are collected when the instrumentation next drains them.
        var tracer = host.Services.GetRequiredService<TracerProvider>();
        string traces = string.Empty;
        for (var attempt = 0; attempt < 50 && !traces.Contains("redis", StringComparison.Ordinal); attempt++)
        {
            Assert.True(tracer.ForceFlush(30_000));
            traces = Encoding.UTF8.GetString([.. receiver.Bodies("/v1/traces").SelectMany(b => b)]);
            if (!traces.Contains("redis", StringComparison.Ordinal))
            {
                await Task.Delay(200);
            }
        }

        Assert.Contains("redis", traces, StringComparison.Ordinal);
        Assert.Contains("policybot.turn", traces, StringComparison.Ordinal);
    }
}
