using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.IdentityModel.Tokens;
using PolicyBot.Tests.Http;
using PolicyBot.Tests.WebChat;

namespace PolicyBot.Tests.Authentication;

/// <summary>
/// With MicrosoftAppId set, every bad token gets a bare 401, logged once without a stack trace. Well-formed
/// tokens are signed with keys made here and checked against OpenID metadata served from memory: the SDK keeps
/// one metadata manager per URL in a static cache, and these tests put theirs there under a URL of their own,
/// so nothing leaves the process and no other test is affected.
/// </summary>
public sealed class TokenFaultTests : IDisposable
{
    private const string AppId = "8c4a3b9e-1f7d-4a52-9d3e-6b0f2c1a7e55";
    private const string Issuer = "https://api.botframework.com";

    // A metadata URL of these tests' own: the SDK caches metadata per URL for the life of the process.
    private const string MetadataUrl = "https://openid.policybot.test/v1/.well-known/openidconfiguration";

    private static readonly RsaSecurityKey TrustedKey = new(RSA.Create(2048)) { KeyId = "trusted-key" };
    private readonly RsaSecurityKey _unknownKey = new(RSA.Create(2048)) { KeyId = "unknown-key" };
    private readonly FakeLoggerProvider _logs = new();
    private readonly BotHostFactory _host;

    public TokenFaultTests()
    {
        _host = new BotHostFactory(
            new()
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppPassword"] = "not-a-real-secret",
                ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
                ["ToBotFromChannelTokenIssuer"] = Issuer,
                ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
                ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
                ["OAuthUrl"] = "https://api.botframework.com",
            },
            services => services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace)));
    }

    static TokenFaultTests() => InMemoryOpenIdMetadata.Register(MetadataUrl, TrustedKey);

    public void Dispose()
    {
        _host.Dispose();
        _logs.Dispose();
        _unknownKey.Rsa.Dispose();
    }

    public static TheoryData<string> BadHeaders => new()
    {
        "(none)",
        "Bearer not.a.jwt",
        "Bearer ",
        "Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0",
        "Basic dXNlcjpwYXNz",
        "Bearer " + new string('x', 5000),
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_missing_or_malformed_token_gets_401_without_exception_text(string header) =>
        await AssertRejectedAsync(header == "(none)" ? null : header);

    [Fact]
    public async Task An_expired_token_gets_401() =>
        await AssertRejectedAsync("Bearer " + Token(TrustedKey, AppId, expires: DateTime.UtcNow.AddHours(-1)));

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_gets_401() =>
        await AssertRejectedAsync("Bearer " + Token(_unknownKey, AppId, expires: DateTime.UtcNow.AddHours(1)));

    [Fact]
    public async Task A_token_for_another_audience_gets_401() =>
        await AssertRejectedAsync("Bearer " + Token(TrustedKey, "0f0e0d0c-0b0a-4909-8807-060504030201", expires: DateTime.UtcNow.AddHours(1)));

    [Fact]
    public async Task A_valid_token_is_accepted_so_the_401s_above_are_for_their_fault()
    {
        using var response = await PostAsync("Bearer " + Token(TrustedKey, AppId, expires: DateTime.UtcNow.AddHours(1)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Activities.Messages(await Activities.RepliesAsync(response)));
    }

    private async Task AssertRejectedAsync(string? header)
    {
        using var response = await PostAsync(header);

        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("IDX", body, StringComparison.Ordinal);

        // Logged once, as a rejection, never as an error and never with a stack trace.
        var rejections = _logs.Lines().Where(line => line.Contains("Rejected request to /api/messages with 401", StringComparison.Ordinal)).ToList();
        var rejection = Assert.Single(rejections);
        Assert.True(rejection.StartsWith("Information", StringComparison.Ordinal) || rejection.StartsWith("Warning", StringComparison.Ordinal), rejection);
        Assert.DoesNotContain(_logs.Lines(), line => line.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines(), line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> PostAsync(string? authorization)
    {
        using var client = _host.CreateClient();
        var activity = Activities.EmulatorMessage("help", "conv-auth-" + Guid.NewGuid());
        activity["channelId"] = "msteams";
        activity["serviceUrl"] = "https://smba.trafficmanager.net/emea/";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Activities.Json(activity) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    private static string Token(SecurityKey key, string audience, DateTime expires)
    {
        var handler = new JwtSecurityTokenHandler();
        var token = handler.CreateJwtSecurityToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("serviceurl", "https://smba.trafficmanager.net/emea/")]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        return handler.WriteToken(token);
    }
}
