using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.Telemetry;

/// <summary>
/// Telemetry leaves the process only where configuration says: a Prometheus scrape, or an OTLP receiver. Alone in
/// its collection: an exporter listens to every meter named PolicyBot in the process, other tests' hosts included.
/// </summary>
[Collection(nameof(TelemetryExportGroup))]
public sealed class TelemetryExportTests
{
    private const string UserText = "What is the protection of civilians policy?";

    [Fact]
    public async Task With_Prometheus_on_the_scrape_shows_the_turn_counters_after_three_turns()
    {
        using var host = new BotHostFactory(new() { ["Telemetry:Prometheus"] = "true" });
        using var client = host.CreateClient();
        foreach (var turn in (string[])["t-1", "t-2", "t-3"])
        {
            using var reply = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage(UserText, "conv-metrics", turn)));
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }

        using var scrape = await client.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var turns = Assert.Single(text.Split('\n'), line => line.StartsWith("policybot_turns_total{", StringComparison.Ordinal) && line.Contains("policybot_outcome=\"node\"", StringComparison.Ordinal));
        Assert.Contains("policybot_channel=\"emulator\"", turns, StringComparison.Ordinal);
        Assert.Contains("policybot_language=\"en\"", turns, StringComparison.Ordinal);
        Assert.Contains("policybot_path=\"keywords\"", turns, StringComparison.Ordinal);
        Assert.EndsWith(" 3", turns.Split(" # ")[0].TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(text.Split('\n'), line => line.StartsWith("policybot_matching_keywords_duration_milliseconds_count", StringComparison.Ordinal) && line.TrimEnd().EndsWith(" 3", StringComparison.Ordinal));
        Assert.Contains("policybot_card_size_bytes_count", text, StringComparison.Ordinal);
        Assert.DoesNotContain("civilians policy", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task By_default_nothing_is_exported_and_there_is_no_scrape_endpoint()
    {
        using var host = new BotHostFactory();
        using var client = host.CreateClient();
        using var scrape = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task An_OTLP_receiver_gets_the_span_of_a_turn_with_its_outcome_and_no_user_text()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var host = new BotHostFactory(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        using var client = host.CreateClient();
        using var probe = await client.GetAsync("/healthz");
        using var reply = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage(UserText, "conv-otlp")));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000), "the trace exporter did not flush");

        var traces = Encoding.UTF8.GetString([.. receiver.Bodies("/v1/traces").SelectMany(b => b)]);
        Assert.Contains("policybot.turn", traces, StringComparison.Ordinal);
        Assert.Contains("policybot.outcome", traces, StringComparison.Ordinal);
        Assert.Contains("policybot.node", traces, StringComparison.Ordinal);
        Assert.Contains("emulator", traces, StringComparison.Ordinal);
        Assert.Contains("/api/messages", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("/healthz", traces, StringComparison.Ordinal); // health probes are not traced (the filter reads TelemetryOptions through IOptions)
        Assert.DoesNotContain("civilians policy", traces, StringComparison.OrdinalIgnoreCase);
    }
}

[CollectionDefinition(nameof(TelemetryExportGroup), DisableParallelization = true)]
public sealed class TelemetryExportGroup
{
}
