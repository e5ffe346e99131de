using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Moq;
using Moq.Protected;
using PolicyBot.Adapters;

namespace PolicyBot.Tests.Adapters;

/// <summary>The SDK's per-turn connector and user-token clients, built once and shared, never disposed by a turn.</summary>
public sealed class ClientReusingBotFrameworkAuthenticationTests
{
    private readonly Mock<BotFrameworkAuthentication> _inner = new();
    private readonly Mock<ConnectorFactory> _factory = new();
    private readonly List<Mock<IConnectorClient>> _connectorClients = [];
    private readonly List<Mock<UserTokenClient>> _userTokenClients = [];

    public ClientReusingBotFrameworkAuthenticationTests()
    {
        _factory.Setup(f => f.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string serviceUrl, string _, CancellationToken _) =>
            {
                var client = new Mock<IConnectorClient>();
                client.SetupGet(c => c.BaseUri).Returns(new Uri(serviceUrl));
                _connectorClients.Add(client);
                return client.Object;
            });
        _inner.Setup(a => a.AuthenticateRequestAsync(It.IsAny<Activity>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new AuthenticateRequestResult { ClaimsIdentity = Identity("app-1"), Audience = "aud", CallerId = "caller", ConnectorFactory = _factory.Object });
        _inner.Setup(a => a.CreateConnectorFactory(It.IsAny<ClaimsIdentity>())).Returns(_factory.Object);
        _inner.Setup(a => a.CreateUserTokenClientAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                var client = new Mock<UserTokenClient>();
                _userTokenClients.Add(client);
                return client.Object;
            });
    }

    [Fact]
    public async Task Turns_to_the_same_service_url_share_one_connector_client_that_a_turn_cannot_dispose()
    {
        using var auth = new ClientReusingBotFrameworkAuthentication(_inner.Object);

        var first = await ConnectorClientOfTurnAsync(auth, "https://smba.example/emea/");
        first.Dispose();
        var second = await ConnectorClientOfTurnAsync(auth, "https://smba.example/emea/");

        Assert.Same(first, second);
        Assert.Equal(new Uri("https://smba.example/emea/"), second.BaseUri);
        var built = Assert.Single(_connectorClients);
        built.Verify(c => c.Dispose(), Times.Never);

        auth.Dispose();
        built.Verify(c => c.Dispose(), Times.Once);
    }

    [Fact]
    public async Task Each_service_url_audience_and_app_id_gets_its_own_client()
    {
        using var auth = new ClientReusingBotFrameworkAuthentication(_inner.Object);

        var emea = await ConnectorClientOfTurnAsync(auth, "https://smba.example/emea/");
        var amer = await ConnectorClientOfTurnAsync(auth, "https://smba.example/amer/");
        var otherAudience = await auth.CreateConnectorFactory(Identity("app-1")).CreateAsync("https://smba.example/emea/", "other", CancellationToken.None);
        var otherApp = await auth.CreateConnectorFactory(Identity("app-2")).CreateAsync("https://smba.example/emea/", "aud", CancellationToken.None);

        Assert.Equal(4, new HashSet<IConnectorClient>([emea, amer, otherAudience, otherApp]).Count);
        Assert.Equal(4, _connectorClients.Count);
    }

    [Fact]
    public async Task Past_the_limit_of_service_urls_clients_are_built_per_turn_and_left_to_the_turn_to_dispose()
    {
        using var auth = new ClientReusingBotFrameworkAuthentication(_inner.Object);
        for (var i = 0; i < ClientReusingBotFrameworkAuthentication.MaxReusedClients; i++)
        {
            await ConnectorClientOfTurnAsync(auth, $"https://made-up-{i}.example/");
        }

        var extra = await ConnectorClientOfTurnAsync(auth, "https://one-too-many.example/");
        var again = await ConnectorClientOfTurnAsync(auth, "https://one-too-many.example/");

        Assert.Equal(ClientReusingBotFrameworkAuthentication.MaxReusedClients, auth.ReusedConnectorClientCount);
        Assert.NotSame(extra, again);
        extra.Dispose();
        _connectorClients[^2].Verify(c => c.Dispose(), Times.Once);
    }

    [Fact]
    public async Task The_authentication_result_is_the_standard_one_apart_from_the_connector_factory()
    {
        using var auth = new ClientReusingBotFrameworkAuthentication(_inner.Object);

        var result = await auth.AuthenticateRequestAsync(new Activity(), "Bearer x", CancellationToken.None);

        Assert.Equal("aud", result.Audience);
        Assert.Equal("caller", result.CallerId);
        Assert.Equal("app-1", result.ClaimsIdentity.FindFirst(AuthenticationConstants.AudienceClaim)?.Value);
        Assert.NotSame(_factory.Object, result.ConnectorFactory);
        _inner.Verify(a => a.AuthenticateRequestAsync(It.IsAny<Activity>(), "Bearer x", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_user_token_client_is_shared_per_app_id_forwards_its_calls_and_survives_a_turn_dispose()
    {
        using var auth = new ClientReusingBotFrameworkAuthentication(_inner.Object);

        var first = await auth.CreateUserTokenClientAsync(Identity("app-1"), CancellationToken.None);
        first.Dispose();
        var second = await auth.CreateUserTokenClientAsync(Identity("app-1"), CancellationToken.None);
        var otherApp = await auth.CreateUserTokenClientAsync(Identity("app-2"), CancellationToken.None);
        await second.SignOutUserAsync("user", "connection", "msteams", CancellationToken.None);

        Assert.Same(first, second);
        Assert.NotSame(first, otherApp);
        Assert.Equal(2, _userTokenClients.Count);
        _userTokenClients[0].Verify(c => c.SignOutUserAsync("user", "connection", "msteams", It.IsAny<CancellationToken>()), Times.Once);
        _userTokenClients[0].Protected().Verify("Dispose", Times.Never(), ItExpr.IsAny<bool>());

        auth.Dispose();
        _userTokenClients[0].Protected().Verify("Dispose", Times.Once(), ItExpr.IsAny<bool>());
    }

    [Fact]
    public void The_other_members_go_to_the_standard_authentication()
    {
        _inner.Setup(a => a.GetOriginatingAudience()).Returns("https://api.botframework.com");
        using var auth = new ClientReusingBotFrameworkAuthentication(_inner.Object);

        Assert.Equal("https://api.botframework.com", auth.GetOriginatingAudience());
    }

    private static async Task<IConnectorClient> ConnectorClientOfTurnAsync(BotFrameworkAuthentication auth, string serviceUrl)
    {
        var result = await auth.AuthenticateRequestAsync(new Activity { ServiceUrl = serviceUrl }, string.Empty, CancellationToken.None);
        return await result.ConnectorFactory.CreateAsync(serviceUrl, result.Audience, CancellationToken.None);
    }

    private static ClaimsIdentity Identity(string appId) => new([new Claim(AuthenticationConstants.AudienceClaim, appId)], "test");
}
