using System.Net;
using System.Text.Json.Nodes;

namespace PolicyBot.Tests.Http;

/// <summary>/healthz says the process is up; /readyz whether to send it traffic; both list their checks as JSON.</summary>
public sealed class HealthTests : IClassFixture<BotHostFactory>, IDisposable
{
    private readonly BotHostFactory _factory;
    private readonly string _emptyKnowledge = Directory.CreateTempSubdirectory("policybot-no-knowledge-").FullName;

    public HealthTests(BotHostFactory factory) => _factory = factory;

    public void Dispose() => Directory.Delete(_emptyKnowledge, recursive: true);

    [Fact]
    public async Task Healthz_is_liveness_ok_with_version_the_process_check_and_the_meaning_stage_reported()
    {
        var (status, body) = await GetAsync(_factory, "/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["version"]!.GetValue<string>()));
        Assert.Equal(["analytics", "meaning", "process"], Names(body).Order());
    }

    [Fact]
    public async Task Readyz_checks_knowledge_storage_and_the_meaning_stage()
    {
        var (status, body) = await GetAsync(_factory, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.Equal(["knowledge", "meaning-ready", "storage"], Names(body).Order());
        Assert.All(body["checks"]!.AsArray(), check => Assert.Equal("Healthy", check!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Without_knowledge_the_bot_is_alive_but_not_ready_and_says_it_is_starting()
    {
        using var host = new BotHostFactory(new() { ["Content:KnowledgePath"] = _emptyKnowledge });

        var (liveStatus, _) = await GetAsync(host, "/healthz");
        var (readyStatus, ready) = await GetAsync(host, "/readyz");

        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("starting", ready["status"]!.GetValue<string>());
        Assert.Contains("not loaded", ready["reasons"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(BotHostFactory host, string path)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string[] Names(JsonNode body) => [.. body["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())];
}
