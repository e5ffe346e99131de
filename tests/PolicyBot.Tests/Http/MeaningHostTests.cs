using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Meaning;
using PolicyBot.Testing;

namespace PolicyBot.Tests.Http;

/// <summary>The meaning stage through the real host: suggestions on a miss, what /healthz says, a model that fails.</summary>
public sealed class MeaningHostTests
{
    private static readonly Lazy<KnowledgeBase> TestKnowledgeSnapshot = new(() => KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!);

    [Fact]
    public async Task A_miss_in_other_words_gets_the_closest_topics_as_buttons_and_health_says_ready()
    {
        var (json, health) = await AskWithMeaningAsync("insurgents are storing mortars inside an old mosque");

        Assert.Equal("ready", Meaning(health));
        Assert.Contains("Closest to your question", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"cultural-property-protection", json, StringComparison.Ordinal);
        AdaptiveCardSchema.AssertValid(json);
    }

    [Fact]
    public async Task A_French_miss_in_other_words_gets_the_closest_topics_in_French_through_its_gloss()
    {
        var (json, _) = await AskWithMeaningAsync("des combattants entreposent des obus dans une vieille mosquée");

        Assert.Contains("Le plus proche de votre question", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"cultural-property-protection", json, StringComparison.Ordinal);
        Assert.Contains("Protection des biens culturels", json, StringComparison.Ordinal);
        AdaptiveCardSchema.AssertValid(json);
    }

    [Fact]
    public async Task A_model_that_fails_to_load_leaves_keyword_answers_and_health_says_why()
    {
        var failing = new MeaningStage(Microsoft.Extensions.Options.Options.Create(new MeaningOptions()), NullLogger<MeaningStage>.Instance, () => throw new FileNotFoundException("model.onnx is missing"));
        await using var factory = new BotHostFactory(new() { ["Matching:Semantic:Enabled"] = "true" }, services => services.AddSingleton(failing));
        using var client = factory.CreateClient();

        var health = await HealthAsync(client);
        for (var i = 0; i < 100 && failing.Status == MeaningStageStatus.Loading; i++)
        {
            await Task.Delay(50);
            health = await HealthAsync(client);
        }

        Assert.Equal(MeaningStageStatus.Failed, failing.Status);
        Assert.StartsWith("failed, keyword answers only: model.onnx is missing", Meaning(health), StringComparison.Ordinal);
        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("who does the protection of civilians policy apply to?", "conv-no-model")));
        var message = Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)));
        Assert.Contains("protection-of-civilians.scope", message.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_stage_off_health_says_so()
    {
        await using var factory = new BotHostFactory();
        using var client = factory.CreateClient();

        Assert.StartsWith("off", Meaning(await HealthAsync(client)), StringComparison.Ordinal);
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task While_the_model_loads_the_bot_is_live_but_not_ready()
    {
        using var gate = new ManualResetEventSlim();
        var slow = new MeaningStage(Microsoft.Extensions.Options.Options.Create(new MeaningOptions()), NullLogger<MeaningStage>.Instance, () =>
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException("released by the test");
        });
        await using var factory = new BotHostFactory(new() { ["Matching:Semantic:Enabled"] = "true" }, services => services.AddSingleton(slow));
        using var client = factory.CreateClient();
        try
        {
            using var live = await client.GetAsync("/healthz");
            using var ready = await client.GetAsync("/readyz");

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("loading", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            gate.Set();
        }
    }

    /// <summary>The meaning check's description in /healthz's JSON (it is reported there, never failing liveness).</summary>
    /// <summary>Asks one question of a host whose meaning stage is loaded; returns the reply card's JSON and /healthz.</summary>
    private static async Task<(string CardJson, JsonNode Health)> AskWithMeaningAsync(string question)
    {
        await using var factory = new BotHostFactory(
            new() { ["Matching:Semantic:Enabled"] = "true" },
            services => services.AddSingleton(_ => SharedMeaning.Stage(TestKnowledgeSnapshot.Value)));
        using var client = factory.CreateClient();
        // The host loaded its knowledge after the stage was made: build that snapshot's index now, not in the background.
        Assert.NotNull(factory.Services.GetRequiredService<MeaningStage>().EnsureIndex(factory.Services.GetRequiredService<KnowledgeStore>().Current!));
        var health = await HealthAsync(client);

        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage(question, "conv-meaning")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)))["attachments"]![0]!["content"]!;
        return (card.ToJsonString(), health);
    }

    private static string Meaning(JsonNode health) =>
        health["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "meaning")!["description"]!.GetValue<string>();

    private static async Task<JsonNode> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
