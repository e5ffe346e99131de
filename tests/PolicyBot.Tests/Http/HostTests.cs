using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PolicyBot.Adapters;

namespace PolicyBot.Tests.Http;

public sealed class HostTests : IClassFixture<BotHostFactory>
{
    private readonly BotHostFactory _factory;

    public HostTests(BotHostFactory factory) => _factory = factory;

    [Fact]
    public async Task Emulator_message_with_expectReplies_gets_the_reply_in_the_body()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("What is the protection of civilians policy?")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await Activities.RepliesAsync(response);
        var message = Assert.Single(Activities.Messages(replies));
        Assert.Equal("conv-1", message["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("act-1", message["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Turns_from_one_service_url_share_one_connector_client()
    {
        var auth = _factory.Services.GetRequiredService<ClientReusingBotFrameworkAuthentication>();
        Assert.Same(auth, _factory.Services.GetRequiredService<Microsoft.Bot.Connector.Authentication.BotFrameworkAuthentication>());
        using var client = _factory.CreateClient();
        var before = auth.ReusedConnectorClientCount;

        foreach (var turn in (string[])["reuse-1", "reuse-2", "reuse-3"])
        {
            var activity = Activities.EmulatorMessage("help", "conv-reuse", turn);
            activity["serviceUrl"] = "http://localhost:1/reuse-test/";
            using var response = await client.PostAsync("/api/messages", Activities.Json(activity));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(before + 1, auth.ReusedConnectorClientCount);
    }

    [Fact]
    public async Task ConversationUpdate_adding_a_user_gets_the_welcome()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorConversationUpdate("conv-welcome")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)));
        Assert.Contains("welcome", message.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Malformed_json_gets_400_naming_the_problem_and_the_next_request_is_served()
    {
        using var client = _factory.CreateClient();
        using var bad = await client.PostAsync("/api/messages", new StringContent("{\"type\": \"message\", ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not valid JSON", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var good = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("help", "conv-after-bad")));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.NotEmpty(Activities.Messages(await Activities.RepliesAsync(good)));
    }

    [Fact]
    public async Task Healthz_reports_ok_with_version_once_ready()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ok\"", body, StringComparison.Ordinal);
        Assert.Contains("\"version\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_app_id_a_request_without_a_token_gets_401_and_never_reaches_the_bot()
    {
        var bot = new Moq.Mock<Microsoft.Bot.Builder.IBot>(Moq.MockBehavior.Strict);
        using var secured = new BotHostFactory(
            new()
            {
                ["MicrosoftAppId"] = "8c4a3b9e-1f7d-4a52-9d3e-6b0f2c1a7e55",
                ["MicrosoftAppPassword"] = "not-a-real-secret",
            },
            services => services.AddTransient(_ => bot.Object));
        using var client = secured.CreateClient();

        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("hello")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        bot.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("MicrosoftAppType", "Sometimes", "MicrosoftAppType")]
    [InlineData("MicrosoftAppId", "not-a-guid", "MicrosoftAppId")]
    [InlineData("Teams:AllowedTenantIds:0", "contoso", "Teams:AllowedTenantIds")]
    [InlineData("Hosting:MaxRequestBodyBytes", "10", "MaxRequestBodyBytes")]
    [InlineData("RateLimiting:BurstLimit", "0", "BurstLimit")]
    [InlineData("Matching:Semantic:AnswerMinimum", "2", "AnswerMinimum")]
    [InlineData("Matching:Semantic:MaxSuggestions", "9", "MaxSuggestions")]
    [InlineData("Content:PolicyOfficeUrl", "http://intranet.example.org/hs", "Content:PolicyOfficeUrl")]
    [InlineData("Content:PolicyOfficeUrl", "hs-focal-point@example.org", "Content:PolicyOfficeUrl")]
    [InlineData("Content:PolicyOfficeContact", "", "PolicyOfficeContact")]
    [InlineData("RateLimiting:MaxConversations", "0", "MaxConversations")]
    [InlineData("RateLimiting:Search:BurstLimit", "0", "BurstLimit")]
    [InlineData("Storage:IdleTimeout", "00:00:10", "Storage:IdleTimeout")]
    [InlineData("Storage:IdleTimeout", "400.00:00:00", "Storage:IdleTimeout")]
    [InlineData("Storage:IdleTimeout", "a day", "Storage:IdleTimeout")]
    [InlineData("Storage:Memory:MaxConversations", "0", "Storage:Memory:MaxConversations")]
    [InlineData("Storage:Memory:MaxConversations", "lots", "Storage:Memory:MaxConversations")]
    [InlineData("Hosting:ShutdownTimeout", "00:00:00", "ShutdownTimeout")]
    [InlineData("Telemetry:PrometheusPath", "metrics", "Telemetry:PrometheusPath")]
    [InlineData("Analytics:WriteInterval", "00:05:00", "Analytics:WriteInterval")]
    public async Task A_bad_setting_stops_the_host_with_a_message_naming_it(string key, string value, string named)
    {
        var error = await HostStartup.FailureAsync(new() { [key] = value });
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apology_text_carries_no_exception_detail() =>
        Assert.DoesNotContain("Exception", AdapterWithErrorHandler.ApologyText, StringComparison.Ordinal);
}
