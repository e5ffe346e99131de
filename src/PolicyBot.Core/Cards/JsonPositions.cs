using System.Text;
using System.Text.Json;
using Json.Pointer;

namespace PolicyBot.Core.Cards;

/// <summary>Finds the line and column of a JSON Pointer in a JSON text, so an error can name where to look.</summary>
internal static class JsonPositions
{
    public static (long Line, long Column)? Find(byte[] utf8Json, string pointer)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new Stack<Frame>();
        string? pendingName = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.Pop();
                        continue;
                    default:
                        break;
                }

                var current = ValuePointer(path, pendingName);
                pendingName = null;
                if (current == pointer || (pointer == "/" && current.Length == 0))
                {
                    return LineAndColumn(utf8Json, reader.TokenStartIndex);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    path.Push(new Frame(current, reader.TokenType == JsonTokenType.StartArray));
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    public static (long Line, long Column) LineAndColumn(byte[] utf8Json, long byteIndex)
    {
        long line = 1;
        long lineStart = 0;
        for (long i = 0; i < byteIndex && i < utf8Json.Length; i++)
        {
            if (utf8Json[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = Encoding.UTF8.GetCharCount(utf8Json, (int)lineStart, (int)(byteIndex - lineStart)) + 1;
        return (line, column);
    }

    private static string ValuePointer(Stack<Frame> path, string? name)
    {
        if (path.Count == 0)
        {
            return string.Empty;
        }

        var parent = path.Peek();
        if (parent.IsArray)
        {
            return $"{parent.Pointer}/{parent.NextIndex++}";
        }

        return parent.Pointer + JsonPointer.Create(name ?? string.Empty);
    }

    private sealed class Frame(string pointer, bool isArray)
    {
        public string Pointer { get; } = pointer;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }
    }
}
