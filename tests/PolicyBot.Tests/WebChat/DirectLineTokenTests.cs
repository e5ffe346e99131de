using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using Moq.Protected;
using PolicyBot.Tests.Http;
using PolicyBot.WebChat;

namespace PolicyBot.Tests.WebChat;

/// <summary>
/// POST /api/webchat/token in production: the Direct Line secret is exchanged with Azure Bot Service (faked
/// here) for a token; Azure's failures become a clear message; the secret never leaves the server or reaches a log.
/// </summary>
public sealed class DirectLineTokenTests : IDisposable
{
    private const string Secret = "sEcReT-direct-line-master-key-0123456789";

    private readonly Mock<HttpMessageHandler> _azure = new(MockBehavior.Strict);
    private readonly FakeLoggerProvider _logs = new();
    private HttpRequestMessage? _sent;
    private string? _sentBody;

    public void Dispose() => _logs.Dispose();

    private BotHostFactory Production(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["WebChat:DirectLineSecret"] = Secret };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new BotHostFactory(
            settings,
            services =>
            {
                services.AddHttpClient(DirectLineTokenClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _azure.Object);
                services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
            },
            environment: "Production");
    }

    private void AzureAnswers(Func<HttpResponseMessage> answer) =>
        _azure.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .Returns<HttpRequestMessage, CancellationToken>(async (request, cancellationToken) =>
            {
                _sent = request;
                _sentBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
                return answer();
            });

    private void AzureThrows(Exception exception) =>
        _azure.Protected()
            .Setup<Task<HttpResponseMessage>>("SendAsync", ItExpr.IsAny<HttpRequestMessage>(), ItExpr.IsAny<CancellationToken>())
            .ThrowsAsync(exception);

    private void AssertSecretNowhere(string responseBody)
    {
        Assert.DoesNotContain(Secret, responseBody, StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Lines());
        Assert.DoesNotContain(_logs.Lines(), line => line.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_secret_is_exchanged_for_a_token_bound_to_a_new_dl_user_id()
    {
        AzureAnswers(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"conversationId\":\"azure-conv-1\",\"token\":\"azure-token-1\",\"expires_in\":1800}", Encoding.UTF8, "application/json"),
        });
        using var factory = Production();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/webchat/token", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonNode.Parse(body)!;
        Assert.Equal("azure-token-1", token["token"]!.GetValue<string>());
        Assert.Equal("azure-conv-1", token["conversationId"]!.GetValue<string>());
        Assert.Equal(1800, token["expiresIn"]!.GetValue<int>());
        var userId = token["userId"]!.GetValue<string>();
        Assert.Matches("^dl_[0-9a-f]{32}$", userId);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        Assert.Equal(HttpMethod.Post, _sent!.Method);
        Assert.Equal("https://directline.botframework.com/v3/directline/tokens/generate", _sent.RequestUri!.ToString());
        Assert.Equal("Bearer", _sent.Headers.Authorization!.Scheme);
        Assert.Equal(Secret, _sent.Headers.Authorization.Parameter);
        Assert.Equal(userId, JsonNode.Parse(_sentBody!)!["user"]!["id"]!.GetValue<string>());
        AssertSecretNowhere(body);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, 502)]
    [InlineData(HttpStatusCode.Forbidden, 502)]
    [InlineData(HttpStatusCode.InternalServerError, 502)]
    [InlineData(HttpStatusCode.TooManyRequests, 503)]
    public async Task A_refusal_from_Azure_becomes_a_clear_message_for_the_page(HttpStatusCode azureStatus, int expected)
    {
        AzureAnswers(() => new HttpResponseMessage(azureStatus) { Content = new StringContent("{\"error\":{\"code\":\"BadArgument\",\"message\":\"Invalid secret " + Secret + "\"}}") });
        using var factory = Production();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/webchat/token", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, (int)response.StatusCode);
        var message = JsonNode.Parse(body)!["error"]!.GetValue<string>();
        Assert.Contains("Please try again", message, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        if (azureStatus is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Assert.Contains(_logs.Lines(), line => line.Contains("refused the Direct Line secret", StringComparison.Ordinal) && line.Contains("WebChat:DirectLineSecret", StringComparison.Ordinal));
        }

        AssertSecretNowhere(body);
    }

    [Fact]
    public async Task A_timeout_becomes_504_with_a_message()
    {
        // What HttpClient throws when its time runs out: a cancellation the caller did not ask for.
        AzureThrows(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));
        using var factory = Production();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/webchat/token", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("did not answer in time", body, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines(), line => line.Contains("did not answer tokens/generate", StringComparison.Ordinal));
        AssertSecretNowhere(body);
    }

    [Fact]
    public async Task A_network_error_becomes_502_with_a_message()
    {
        AzureThrows(new HttpRequestException("Name or service not known (directline.botframework.com:443)"));
        using var factory = Production();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/webchat/token", null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("not available right now", body, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines(), line => line.Contains("could not be reached", StringComparison.Ordinal));
        AssertSecretNowhere(body);
    }

    [Fact]
    public async Task An_answer_without_a_token_becomes_502()
    {
        AzureAnswers(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"conversationId\":\"c\"}", Encoding.UTF8, "application/json") });
        using var factory = Production();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/webchat/token", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        AssertSecretNowhere(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_config_tells_the_page_to_use_Azure_and_never_carries_the_secret()
    {
        using var factory = Production(new() { ["WebChat:DirectLineEndpoint"] = "https://europe.directline.botframework.com/" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/webchat/config");
        var body = await response.Content.ReadAsStringAsync();

        var config = JsonNode.Parse(body)!;
        Assert.Equal("azure", config["mode"]!.GetValue<string>());
        Assert.Equal("https://europe.directline.botframework.com/v3/directline", config["domain"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        _azure.VerifyNoOtherCalls();
    }
}
