using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;

namespace PolicyBot.Adapters;

/// <summary>
/// The standard authentication, except that the connector client and the user-token client the adapter asks for
/// on every turn are built once per bot app id, service URL and audience, then reused (as the older
/// BotFrameworkAdapter did). Building them was a large share of a turn's CPU (benchmarks/README.md, "What closed
/// the gap"): each builds its user-agent header with freshly constructed regular expressions and gets new
/// credentials and an HTTP client, so outgoing replies also lost their pooled connection and cached token. Both
/// clients are thread-safe REST clients.
/// It also turns every token the SDK cannot read or validate (missing, malformed, expired, unknown key, other
/// audience) into the 401 the SDK gives for a missing one, logged once without a stack trace: the SDK throws
/// some of them as other exceptions, which became a 500 and an error in the log for every internet scanner.
/// </summary>
internal sealed partial class ClientReusingBotFrameworkAuthentication : BotFrameworkAuthentication, IDisposable
{
    // Service URLs come from activities; past this many distinct ones, clients are built per turn as the SDK does,
    // so that a flood of made-up URLs cannot grow the cache.
    internal const int MaxReusedClients = 64;

    private readonly BotFrameworkAuthentication _inner;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string AppId, string ServiceUrl, string Audience), ReusedConnectorClient> _connectorClients = new();
    private readonly ConcurrentDictionary<string, ReusedUserTokenClient> _userTokenClients = new(StringComparer.Ordinal);

    public ClientReusingBotFrameworkAuthentication(BotFrameworkAuthentication inner)
        : this(inner, NullLogger.Instance)
    {
    }

    public ClientReusingBotFrameworkAuthentication(BotFrameworkAuthentication inner, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(logger);
        _inner = inner;
        _logger = logger;
    }

    internal int ReusedConnectorClientCount => _connectorClients.Count;

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await RejectingBadTokensAsync(() => _inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken), activity?.ChannelId);
        if (result.ConnectorFactory is not null)
        {
            result.ConnectorFactory = new ReusingConnectorFactory(this, result.ConnectorFactory, AppIdOf(result.ClaimsIdentity));
        }

        return result;
    }

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        RejectingBadTokensAsync(() => _inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken), channelIdHeader);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new ReusingConnectorFactory(this, _inner.CreateConnectorFactory(claimsIdentity), AppIdOf(claimsIdentity));

    public override async Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        await SharedOrNewAsync(_userTokenClients, AppIdOf(claimsIdentity), () => _inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken), created => new ReusedUserTokenClient(created));

    public override BotFrameworkClient CreateBotFrameworkClient() => _inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => _inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        _inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    public void Dispose()
    {
        foreach (var client in _connectorClients.Values)
        {
            client.Release();
        }

        foreach (var client in _userTokenClients.Values)
        {
            client.Release();
        }

        _connectorClients.Clear();
        _userTokenClients.Clear();
    }

    /// <summary>
    /// The SDK's result, or UnauthorizedAccessException (which the adapter answers with a bare 401) for any fault of
    /// the token itself. Faults of ours (OpenID metadata unreachable) are not the caller's and still fail loudly.
    /// </summary>
    private async Task<T> RejectingBadTokensAsync<T>(Func<Task<T>> authenticate, string? channelId)
    {
        try
        {
            return await authenticate();
        }
        catch (Exception ex) when (IsTokenFault(ex))
        {
            // Information, not Error, and no stack: a bad token is the caller's fault, and scanners send many.
            LogTokenRejected(channelId ?? "(none)", ex is UnauthorizedAccessException ? ex.Message : ex.GetType().Name);
            throw new UnauthorizedAccessException("The request's token is missing or not valid.", ex);
        }
    }

    // Malformed tokens surface as ArgumentException (SecurityTokenMalformedException is one) or FormatException;
    // expired, unsigned, wrongly signed or foreign ones as SecurityTokenException or UnauthorizedAccessException.
    private static bool IsTokenFault(Exception ex) =>
        ex is UnauthorizedAccessException or SecurityTokenException or ArgumentException or FormatException;

    private Task<IConnectorClient> GetConnectorClientAsync(ConnectorFactory factory, string appId, string serviceUrl, string? audience, CancellationToken cancellationToken) =>
        SharedOrNewAsync<(string, string, string), IConnectorClient, ReusedConnectorClient>(
            _connectorClients,
            (appId, serviceUrl ?? string.Empty, audience ?? string.Empty),
            () => factory.CreateAsync(serviceUrl, audience, cancellationToken),
            created => new ReusedConnectorClient(created));

    /// <summary>The shared client for the key, made on first use; a new, unshared one once the cache is full.</summary>
    private static async Task<TClient> SharedOrNewAsync<TKey, TClient, TShared>(ConcurrentDictionary<TKey, TShared> shared, TKey key, Func<Task<TClient>> create, Func<TClient, TShared> share)
        where TKey : notnull
        where TClient : IDisposable
        where TShared : TClient
    {
        if (shared.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var created = await create();
        if (shared.Count >= MaxReusedClients)
        {
            return created;
        }

        // Two first turns at once may both build one; the loser's is freed at once.
        var candidate = share(created);
        var winner = shared.GetOrAdd(key, candidate);
        if (!ReferenceEquals(winner, candidate))
        {
            created.Dispose();
        }

        return winner;
    }

    // The bot's own app id, as the SDK reads it: the audience claim from a channel, the appid claim from the
    // Emulator, none when authentication is off.
    private static string AppIdOf(ClaimsIdentity? identity) =>
        identity?.Claims.FirstOrDefault(c => c.Type == AuthenticationConstants.AudienceClaim)?.Value
        ?? identity?.Claims.FirstOrDefault(c => c.Type == AuthenticationConstants.AppIdClaim)?.Value
        ?? string.Empty;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected request to /api/messages with 401 (channel {ChannelId}): {Reason}")]
    private partial void LogTokenRejected(string channelId, string reason);
    private sealed class ReusingConnectorFactory(ClientReusingBotFrameworkAuthentication owner, ConnectorFactory inner, string appId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            owner.GetConnectorClientAsync(inner, appId, serviceUrl, audience, cancellationToken);
    }
}
