using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using PolicyBot.Bots;

namespace PolicyBot.Storage;

/// <summary>
/// A conversation's data as the stores write it, for change detection: JSON with the stores' own contract (the same
/// members, the same [JsonIgnore]), so every stored field is compared by construction and a field added later can
/// never be changed without being saved. Type names are left out: they hold no data. Written into a per-thread
/// buffer and compared in place, so an unchanged turn allocates nothing at save.
/// </summary>
internal static class ConversationSnapshot
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = StateJson.Serializer.ContractResolver,
        TypeNameHandling = TypeNameHandling.None,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
    });

    [ThreadStatic]
    private static StringBuilder? t_buffer;

    public static string Take(ConversationData data) => Write(data).ToString();

    /// <summary>The new snapshot when the data differs from <paramref name="snapshot"/>; null when it is the same.</summary>
    public static string? ChangedSince(ConversationData data, string snapshot)
    {
        var current = Write(data);
        return current.Equals(snapshot.AsSpan()) ? null : current.ToString();
    }

    private static StringBuilder Write(ConversationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var buffer = t_buffer ??= new StringBuilder(512);
        buffer.Clear();
        using var writer = new JsonTextWriter(new StringWriter(buffer, CultureInfo.InvariantCulture)) { Formatting = Formatting.None };
        Serializer.Serialize(writer, data);
        return buffer;
    }
}
