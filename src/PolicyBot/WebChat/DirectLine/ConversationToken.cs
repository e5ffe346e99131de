using System.Security.Cryptography;
using System.Text;

namespace PolicyBot.WebChat.DirectLine;

/// <summary>What a presented token turned out to be.</summary>
public enum TokenCheck
{
    Valid,

    /// <summary>Not this conversation's token (or not a token at all): 403.</summary>
    Mismatch,

    /// <summary>This conversation's token, past its lifetime: 403, as Direct Line does.</summary>
    Expired,
}

/// <summary>
/// Tokens of the development Direct Line: "{conversationId}.{32 random bytes}", so a call names its conversation
/// and is checked against that conversation's own tokens in constant time.
/// </summary>
internal static class ConversationToken
{
    public static string New(string conversationId) => conversationId + "." + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(18));

    public static string? ConversationIdOf(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var dot = token.LastIndexOf('.');
        return dot > 0 ? token[..dot] : null;
    }

    public static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
