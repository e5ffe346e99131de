using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace PolicyBot.Storage;

/// <summary>
/// State to and from JSON text with the Bot Framework MemoryStorage's settings (TypeNameHandling.All, so state
/// objects come back as their own types), plus a binder that refuses types outside the bot's own state (whoever
/// can write to Redis must not be able to make the bot instantiate arbitrary types) and always-new objects on read
/// (see below).
/// </summary>
internal static class StateJson
{
    /// <summary>The settings both stores use (<see cref="BoundedMemoryStorage"/> and <see cref="RedisStorage"/> keep the same JSON text).</summary>
    internal static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.All,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        MaxDepth = null,
        SerializationBinder = new StateTypeBinder(),

        // Json.NET's default fills an existing property value in place: ConversationData.Dialog starts as the shared
        // DialogContext.Start, so reading any conversation would rewrite the start of every other one.
        ObjectCreationHandling = ObjectCreationHandling.Replace,

        // Reading dates as plain strings keeps a string that looks like a date exactly as written, and typed
        // DateTime properties still convert.
        DateParseHandling = DateParseHandling.None,
    });

    /// <summary>The value as a JSON object, with "eTag" set as MemoryStorage does for an IStoreItem.</summary>
    public static string Serialize(object value, string? eTag)
    {
        var json = JObject.FromObject(value, Serializer);
        if (eTag is not null)
        {
            json["eTag"] = eTag;
        }

        return json.ToString(Formatting.None);
    }

    public static object? Deserialize(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = null };
        return Serializer.Deserialize<object>(reader);
    }

    /// <summary>
    /// Allows the bot's own types, the Bot Framework's, Json.NET's, primitives and collections of them. A list made
    /// with a collection expression (<c>IReadOnlyList&lt;string&gt; x = ["a", "b"]</c>) is a compiler-made type
    /// with no constructor Json.NET can call; it is read back as a <see cref="List{T}"/>.
    /// </summary>
    private sealed class StateTypeBinder : ISerializationBinder
    {
        private static readonly string[] AllowedAssemblyPrefixes = ["PolicyBot", "Microsoft.Bot.", "Newtonsoft.Json"];
        private static readonly Type[] AllowedSystemTypes =
            [typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid), typeof(Uri), typeof(object)];

        private readonly DefaultSerializationBinder _inner = new();

        // Every turn reads and writes state: resolving and checking a type name once, not on every value, keeps
        // reflection (assembly names, attributes) off the hot path.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string? Assembly, string Type), Type> _types = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (string? Assembly, string? Type)> _names = new();

        public Type BindToType(string? assemblyName, string typeName) =>
            _types.GetOrAdd((assemblyName, typeName), key => Resolve(key.Assembly, key.Type));

        private Type Resolve(string? assemblyName, string typeName)
        {
            var type = _inner.BindToType(assemblyName, typeName);
            if (IsCompilerMadeList(type))
            {
                return typeof(List<>).MakeGenericType(type.GetGenericArguments());
            }

            if (!IsAllowed(type))
            {
                throw new JsonSerializationException(string.Format(
                    CultureInfo.InvariantCulture,
                    "Stored state names the type '{0}', which is not a state type of PolicyBot; the item was not read.",
                    type.FullName));
            }

            return type;
        }

        public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
        {
            (assemblyName, typeName) = _names.GetOrAdd(serializedType, type =>
            {
                _inner.BindToName(type, out var assembly, out var name);
                return (assembly, name);
            });
        }

        private static bool IsCompilerMadeList(Type type) =>
            type.IsGenericType
            && type.GetGenericArguments().Length == 1
            && type.Name.StartsWith("<>z__ReadOnly", StringComparison.Ordinal)
            && type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false)
            && IsAllowed(type.GetGenericArguments()[0]);

        private static bool IsAllowed(Type type)
        {
            if (type.IsArray)
            {
                return IsAllowed(type.GetElementType()!);
            }

            if (type.IsGenericType && !type.IsGenericTypeDefinition)
            {
                return IsAllowed(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsAllowed);
            }

            var assembly = type.Assembly.GetName().Name ?? string.Empty;
            if (AllowedAssemblyPrefixes.Any(prefix => assembly.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return true;
            }

            return type.IsPrimitive
                || type.IsEnum
                || AllowedSystemTypes.Contains(type)
                || type == typeof(Nullable<>)
                || (type.Namespace?.StartsWith("System.Collections", StringComparison.Ordinal) ?? false);
        }
    }
}
