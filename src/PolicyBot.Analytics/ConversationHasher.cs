using System.Security.Cryptography;
using System.Text;

namespace PolicyBot.Analytics;

/// <summary>
/// The conversation id as a keyed one-way hash (HMAC-SHA-256, the first 16 bytes in hex): the turns of one
/// conversation can be counted together, but the id cannot be recovered, nor matched with another deployment's
/// logs, without the deployment's key (kept in the store, see <see cref="IAnalyticsStore.GetOrCreateHashKeyAsync"/>).
/// </summary>
public sealed class ConversationHasher
{
    public const int KeyBytes = 32;
    private readonly byte[] _key;

    public ConversationHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("The conversation hash key needs at least 16 bytes.", nameof(key));
        }

        _key = [.. key];
    }

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    public string Hash(string? conversationId)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(conversationId ?? string.Empty), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
