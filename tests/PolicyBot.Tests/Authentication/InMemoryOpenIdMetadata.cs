using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PolicyBot.Tests.Authentication;

/// <summary>
/// OpenID metadata and signing keys (endorsed for Teams and the Emulator) served from memory, put into the SDK's
/// per-URL caches of JwtTokenExtractor before the host first asks for them.
/// </summary>
internal static class InMemoryOpenIdMetadata
{
    public static void Register(string metadataUrl, RsaSecurityKey key)
    {
        var documents = new Documents(metadataUrl, key);
        Cache<OpenIdConnectConfiguration>("_openIdMetadataCache")[metadataUrl] =
            new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(), documents);
        Cache<IDictionary<string, HashSet<string>>>("_endorsementsCache")[metadataUrl] =
            new ConfigurationManager<IDictionary<string, HashSet<string>>>(metadataUrl, new Endorsements(key.KeyId), documents);
    }

    private static ConcurrentDictionary<string, ConfigurationManager<T>> Cache<T>(string field)
        where T : class =>
        (ConcurrentDictionary<string, ConfigurationManager<T>>)typeof(JwtTokenExtractor).GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private sealed class Endorsements(string keyId) : IConfigurationRetriever<IDictionary<string, HashSet<string>>>
    {
        public Task<IDictionary<string, HashSet<string>>> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel) =>
            Task.FromResult<IDictionary<string, HashSet<string>>>(new Dictionary<string, HashSet<string>> { [keyId] = ["msteams", "emulator"] });
    }

    private sealed class Documents(string metadataUrl, RsaSecurityKey key) : IDocumentRetriever
    {
        private readonly string _keysUrl = metadataUrl + "/keys";

        public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            if (address == metadataUrl)
            {
                return Task.FromResult(new JsonObject
                {
                    ["issuer"] = "https://api.botframework.com",
                    ["jwks_uri"] = _keysUrl,
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                }.ToJsonString());
            }

            if (address == _keysUrl)
            {
                var parameters = key.Rsa.ExportParameters(false);
                return Task.FromResult(new JsonObject
                {
                    ["keys"] = new JsonArray(new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                        ["endorsements"] = new JsonArray("msteams", "emulator"),
                    }),
                }.ToJsonString());
            }

            throw new IOException($"No such document: {address}");
        }
    }
}
